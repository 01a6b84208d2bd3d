package dev.localecs.runtime.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * The JSON form one member of an ECS request takes on the wire (AWS JSON 1.1), as the ECS model defines it:
 * a scalar, a list, a map or a structure. Shapes are built once from the model and shared by every request.
 */
public sealed interface WireShape permits WireShape.Scalar, WireShape.ListOf, WireShape.MapOf, WireShape.Structure {

    /** The scalar kinds of the model and the JSON token each one takes. */
    enum Kind {
        /** A JSON string (also enums). */
        STRING("a string"),
        /** A JSON number without fraction or exponent, within 32 bits. */
        INTEGER("an integer"),
        /** A JSON number without fraction or exponent, within 64 bits. */
        LONG("an integer"),
        /** A JSON number, or the strings {@code NaN}, {@code Infinity}, {@code -Infinity}. */
        DOUBLE("a number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("a boolean"),
        /** Epoch seconds as a JSON number, a fraction allowed. */
        TIMESTAMP("a timestamp (epoch seconds as a number)"),
        /** Base64 text in a JSON string. */
        BLOB("a base64 string"),
        /** Any JSON value. */
        DOCUMENT("a JSON document");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /**
         * How a message names the expected value, e.g. "an integer".
         *
         * @return the description
         */
        public String description() {
            return description;
        }
    }

    /**
     * How a message names the expected value, e.g. "a list".
     *
     * @return the description
     */
    String description();

    /**
     * A scalar member.
     *
     * @param kind its kind
     */
    record Scalar(Kind kind) implements WireShape {
        /**
         * Validates the kind.
         *
         * @param kind its kind
         */
        public Scalar {
            requireNonNull(kind, "kind is null");
        }

        @Override
        public String description() {
            return kind.description();
        }
    }

    /**
     * A JSON array of one member shape.
     *
     * @param member the shape of each element
     */
    record ListOf(WireShape member) implements WireShape {
        /**
         * Validates the member.
         *
         * @param member the shape of each element
         */
        public ListOf {
            requireNonNull(member, "member is null");
        }

        @Override
        public String description() {
            return "a list";
        }
    }

    /**
     * A JSON object with string keys and one value shape.
     *
     * @param value the shape of each value
     */
    record MapOf(WireShape value) implements WireShape {
        /**
         * Validates the value.
         *
         * @param value the shape of each value
         */
        public MapOf {
            requireNonNull(value, "value is null");
        }

        @Override
        public String description() {
            return "a map";
        }
    }

    /**
     * A JSON object with named members. Members are filled once while the model is built (a structure may
     * contain itself), then only read.
     */
    final class Structure implements WireShape {
        private final String name;
        private Map<String, WireShape> members = Map.of();

        /**
         * Creates a structure whose members are set later.
         *
         * @param name the model's name of the shape, e.g. {@code RunTaskRequest}
         */
        public Structure(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        /**
         * The model's name of the shape.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * The members by wire name.
         *
         * @return the members
         */
        public Map<String, WireShape> members() {
            return members;
        }

        /**
         * One member by wire name.
         *
         * @param wireName the member's name on the wire
         * @return its shape, empty when the structure has no such member
         */
        public Optional<WireShape> member(String wireName) {
            return Optional.ofNullable(members.get(wireName));
        }

        void members(Map<String, WireShape> value) {
            this.members = Map.copyOf(value);
        }

        @Override
        public String description() {
            return "a structure";
        }

        @Override
        public String toString() {
            return "Structure[" + name + ", members=" + members.keySet() + "]";
        }
    }
}
