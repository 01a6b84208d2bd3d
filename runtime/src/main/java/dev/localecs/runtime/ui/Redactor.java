package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what must never reach the page from any JSON tree the dashboard sends: the values of variables and
 * fields whose names say they hold a secret (environment entries, compose environment maps, option maps), and
 * the per-task endpoint id in credential and metadata paths (it is what a container presents to get its task
 * role's credentials). Secret references ({@code valueFrom} ARNs and names) stay: they are not values.
 * Secret values themselves never are in what the dashboard reads (the runtime resolves them in memory at
 * launch), so this is the second line of defence against users' own variables.
 */
final class Redactor {
    /** What a redacted value reads as. */
    static final String REDACTED = "(redacted)";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|passw|pwd|token|credential|private[_-]?key|api[_-]?key|access[_-]?key|auth).*");
    /** Compose labels holding secret references (names and ARNs), never values. */
    private static final String REFERENCE_LABELS = "com.amazonaws.ecs.local.";
    private static final Pattern ENDPOINT_ID = Pattern.compile("(/v[234]/(?:credentials/)?)[0-9a-fA-F-]{16,}");

    private Redactor() {
    }

    /**
     * Whether a variable or field name says it holds a secret.
     *
     * @param name the name
     * @return true for names like {@code DB_PASSWORD}, {@code apiKey}, {@code AWS_SESSION_TOKEN}
     */
    static boolean secretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * Redacts a tree in place.
     *
     * @param node the tree
     * @return the same tree
     */
    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            redactObject(object);
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    array.set(i, TextNode.valueOf(assignment(element.asText())));
                } else {
                    redact(element);
                }
            }
        }
        return node;
    }

    /**
     * Redacts free text: endpoint ids in credential and metadata paths.
     *
     * @param value the text
     * @return the text without endpoint ids
     */
    static String text(String value) {
        return ENDPOINT_ID.matcher(value).replaceAll("$1" + REDACTED);
    }

    /** {@code NAME=value} (a compose environment list entry) with a secret name loses its value. */
    private static String assignment(String value) {
        int equals = value.indexOf('=');
        if (equals > 0 && secretName(value.substring(0, equals))) {
            return value.substring(0, equals + 1) + REDACTED;
        }
        return text(value);
    }

    private static void redactObject(ObjectNode object) {
        // {"name": "DB_PASSWORD", "value": "…"}: an environment entry (task definition, overrides)
        JsonNode name = object.get("name");
        if (name != null && name.isTextual() && object.has("value") && object.get("value").isTextual()
                && secretName(name.asText())) {
            object.put("value", REDACTED);
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value.isTextual()) {
                String text = value.asText();
                boolean reference = text.startsWith("arn:") || field.equals("valueFrom") || field.equals("name")
                        || field.startsWith(REFERENCE_LABELS);
                object.put(field, secretName(field) && !reference && !text.isEmpty() ? REDACTED : text(text));
            } else {
                redact(value);
            }
        }
    }
}
