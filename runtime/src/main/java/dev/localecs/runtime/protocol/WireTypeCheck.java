package dev.localecs.runtime.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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
 * for an integer, a {@code null} inside a list or as a map value (ECS has no sparse lists or maps).
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
        WireShape.Structure input = model.input(operation).orElseThrow(() ->
                new IllegalArgumentException("Not an ECS operation: " + operation));
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
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
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
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
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
            case INTEGER -> integral(node) && node.canConvertToInt();
            case LONG -> integral(node) && node.canConvertToLong();
            case DOUBLE -> node.isNumber() || node.isTextual() && NON_FINITE.contains(node.textValue());
            case BOOLEAN -> node.isBoolean();
            case TIMESTAMP -> node.isNumber();
            case DOCUMENT -> true;
        };
        if (!ok) {
            throw Mismatch.of(new WireShape.Scalar(kind), node);
        }
    }

    private static boolean integral(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        if (node.isNumber()) {
            throw new Mismatch("Unexpected field type", new WireShape.Scalar(WireShape.Kind.INTEGER),
                    ", found a number with a fraction or an exponent");
        }
        return false;
    }

    /** A wrong type found while walking; carries the path back up, without a stack trace (it is not an error). */
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
            if (node.isIntegralNumber() && expected instanceof WireShape.Scalar scalar
                    && (scalar.kind() == WireShape.Kind.INTEGER || scalar.kind() == WireShape.Kind.LONG)) {
                return new Mismatch("Number out of range", expected, ", found " + node.asText());
            }
            return new Mismatch("Unexpected field type", expected, ", found " + kindOf(node));
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

        private static String kindOf(JsonNode node) {
            if (node.isTextual()) {
                return "a string";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isNumber()) {
                return "a number";
            }
            return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
