package dev.localecs.runtime.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request body against its operation's input shape before anything acts on it, as ECS's own
 * deserializer does: a member of the wrong JSON type, at any depth, is a {@code SerializationException},
 * whether or not the action that serves the operation reads that member.
 *
 * <p>What passes is what AWS JSON 1.1 allows and real SDKs send: unknown members are ignored (a newer SDK may
 * send members this model does not know yet); a {@code null} member is an absent one; timestamps are epoch
 * seconds as JSON numbers; doubles may also be {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}.
 * What fails: numbers or booleans written as strings (and the reverse), a fraction or an out-of-range value
 * for an integer, a {@code null} inside a list or as a map value (ECS has no sparse lists or maps). AWS's own
 * deserializer (as observed on DynamoDB, same framework) truncates a fraction given for an integer; refusing it is deliberate (no SDK sends one, and
 * {@code "count": 1.5} silently becoming 1 hides the caller's bug).
 */
public final class WireTypeCheck {
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private final EcsModel model;

    /**
     * Creates the check.
     *
     * @param model the ECS model
     */
    public WireTypeCheck(EcsModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * Checks one request.
     *
     * @param operation an ECS operation
     * @param body the request body, a JSON object
     * @throws EcsException {@code SerializationException} naming the first member of the wrong type
     * @throws IllegalArgumentException when the operation is not in the model
     */
    public void check(String operation, JsonNode body) {
        check(model.input(operation).orElseThrow(() ->
                new IllegalArgumentException("Not an ECS operation: " + operation)), body);
    }

    /**
     * Checks one request against an input shape already looked up.
     *
     * @param input the operation's input shape
     * @param body the request body, a JSON object
     * @throws EcsException {@code SerializationException} naming the first member of the wrong type
     */
    public void check(WireShape.Structure input, JsonNode body) {
        try {
            structure(input, body);
        } catch (Mismatch e) {
            throw new EcsException(ErrorCode.SERIALIZATION, e.message());
        }
    }

    private static void value(WireShape shape, JsonNode node) {
        switch (shape) {
            case WireShape.Structure structure -> structure(structure, node);
            case WireShape.ListOf list -> list(list, node);
            case WireShape.MapOf map -> map(map, node);
            case WireShape.Scalar scalar -> scalar(scalar.kind(), node);
        }
    }

    private static void structure(WireShape.Structure shape, JsonNode node) {
        if (!node.isObject()) {
            throw Mismatch.of(shape, node);
        }
        Map<String, WireShape> members = shape.members();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            WireShape member = members.get(entry.getKey());
            if (member == null || entry.getValue().isNull()) {
                continue;
            }
            try {
                value(member, entry.getValue());
            } catch (Mismatch e) {
                throw e.under(entry.getKey());
            }
        }
    }

    private static void list(WireShape.ListOf shape, JsonNode node) {
        if (!node.isArray()) {
            throw Mismatch.of(shape, node);
        }
        for (int i = 0; i < node.size(); i++) {
            try {
                element(shape.member(), node.get(i));
            } catch (Mismatch e) {
                throw e.at(i);
            }
        }
    }

    private static void map(WireShape.MapOf shape, JsonNode node) {
        if (!node.isObject()) {
            throw Mismatch.of(shape, node);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            try {
                element(shape.value(), entry.getValue());
            } catch (Mismatch e) {
                throw e.under(entry.getKey());
            }
        }
    }

    private static void element(WireShape shape, JsonNode node) {
        if (node.isNull()) {
            throw new Mismatch("Null value found where not expected", shape, "");
        }
        value(shape, node);
    }

    private static void scalar(WireShape.Kind kind, JsonNode node) {
        boolean ok = switch (kind) {
            case STRING, BLOB -> node.isTextual();
            case INTEGER -> node.isIntegralNumber() && node.canConvertToInt();
            case LONG -> node.isIntegralNumber() && node.canConvertToLong();
            case DOUBLE -> node.isNumber() || node.isTextual() && NON_FINITE.contains(node.textValue());
            case BOOLEAN -> node.isBoolean();
            case TIMESTAMP -> node.isNumber();
            case DOCUMENT -> true;
        };
        if (!ok) {
            throw Mismatch.of(new WireShape.Scalar(kind), node);
        }
    }

    /**
     * A wrong type found while walking; carries the path back up, without a stack trace (it is not an error).
     * The message leads with what ECS's deserializer (Coral) says for the same input, then names the member,
     * what it takes and what came, which Coral does not.
     */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String lead;
        private final transient WireShape expected;
        private final String found;
        private final Deque<String> path = new ArrayDeque<>();

        Mismatch(String lead, WireShape expected, String found) {
            super(lead, null, false, false);
            this.lead = lead;
            this.expected = expected;
            this.found = found;
        }

        static Mismatch of(WireShape expected, JsonNode node) {
            if (node.isObject()) {
                return new Mismatch("Start of structure or map found where not expected", expected, "");
            }
            if (node.isArray()) {
                return new Mismatch("Start of list found where not expected", expected, "");
            }
            String found = ", found " + kindOf(node, expected);
            return switch (expected) {
                case WireShape.ListOf list -> new Mismatch("Expected list or null", list, found);
                case WireShape.MapOf map -> new Mismatch("Expected map or null", map, found);
                case WireShape.Structure structure -> new Mismatch("Expected null", structure, found);
                case WireShape.Scalar scalar -> new Mismatch("class java.lang." + javaType(node)
                        + " can not be converted to " + target(scalar.kind()), scalar, found);
            };
        }

        Mismatch under(String member) {
            path.addFirst(member);
            return this;
        }

        Mismatch at(int index) {
            path.addFirst("[" + index + "]");
            return this;
        }

        String message() {
            StringBuilder where = new StringBuilder();
            for (String segment : path) {
                if (!where.isEmpty() && !segment.startsWith("[")) {
                    where.append('.');
                }
                where.append(segment);
            }
            return lead + " at '" + where + "': expected " + expected.description() + found + ".";
        }

        /** The Java type Coral reads a JSON scalar as. */
        private static String javaType(JsonNode node) {
            if (node.isTextual()) {
                return "String";
            }
            if (node.isBoolean()) {
                return "Boolean";
            }
            if (node.isIntegralNumber()) {
                if (node.canConvertToInt()) {
                    int value = node.intValue();
                    return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE ? "Short" : "Integer";
                }
                return node.canConvertToLong() ? "Long" : "BigInteger";
            }
            return node.isNumber() ? "Double" : "Object";
        }

        /** Coral's name of a model type, article included (its "an String" too). */
        private static String target(WireShape.Kind kind) {
            return switch (kind) {
                case STRING -> "an String";
                case INTEGER -> "an Integer";
                case LONG -> "an Long";
                case DOUBLE -> "an Double";
                case BOOLEAN -> "an Boolean";
                case TIMESTAMP -> "a Timestamp";
                case BLOB -> "a Blob";
                case DOCUMENT -> "a Document";
            };
        }

        private static String kindOf(JsonNode node, WireShape expected) {
            if (node.isTextual()) {
                return "a string";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            boolean integer = expected instanceof WireShape.Scalar scalar
                    && (scalar.kind() == WireShape.Kind.INTEGER || scalar.kind() == WireShape.Kind.LONG);
            if (integer && node.isIntegralNumber()) {
                return "a number out of range";
            }
            if (integer && node.isNumber()) {
                return "a number with a fraction or an exponent";
            }
            return node.isNumber() ? "a number" : node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
