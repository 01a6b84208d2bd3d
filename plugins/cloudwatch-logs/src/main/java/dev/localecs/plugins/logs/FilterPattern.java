package dev.localecs.plugins.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.EcsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CloudWatch Logs filter pattern as a predicate on messages. Two forms:
 * <ul>
 *   <li>terms: {@code ERROR timeout} (every term), {@code "connection reset"} (a quoted phrase),
 *   {@code ?ERROR ?WARN} (at least one of the {@code ?} terms), {@code ERROR -healthcheck} (without the
 *   {@code -} terms); matching is case-sensitive and a term matches anywhere in the message;</li>
 *   <li>JSON: {@code { $.level = "ERROR" }}, {@code { $.latency > 100 }}, with {@code =}, {@code !=}, {@code <},
 *   {@code <=}, {@code >}, {@code >=}, {@code *} wildcards in string values, {@code IS NULL}, {@code IS TRUE},
 *   {@code IS FALSE}, {@code NOT EXISTS}, joined by {@code &&} and {@code ||} with parentheses; a message that is
 *   not a JSON object never matches.</li>
 * </ul>
 * Space-delimited patterns ({@code [ip, user, ...]}) are refused as unsupported.
 */
final class FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterPattern() {
    }

    /**
     * Parses a pattern.
     *
     * @param pattern the pattern; blank matches every message
     * @return the predicate
     * @throws dev.localecs.api.error.EcsException InvalidParameterException for a pattern that does not parse
     */
    static Predicate<String> parse(String pattern) {
        String text = pattern == null ? "" : pattern.trim();
        if (text.isEmpty()) {
            return message -> true;
        }
        if (text.startsWith("{")) {
            if (!text.endsWith("}")) {
                throw invalid(pattern, "a JSON pattern ends with }");
            }
            Predicate<JsonNode> condition = new JsonPatternParser(pattern, text.substring(1, text.length() - 1))
                    .parse();
            return message -> {
                JsonNode node = json(message);
                return node != null && condition.test(node);
            };
        }
        if (text.startsWith("[")) {
            throw LogsErrors.invalid("Space-delimited filter patterns ([...]) are not supported by local-ecs-api.");
        }
        return terms(pattern, text);
    }

    static EcsException invalid(String pattern, String why) {
        return LogsErrors.invalid("Invalid filter pattern '" + pattern + "': " + why + ".");
    }

    private static JsonNode json(String message) {
        String trimmed = message.trim();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Predicate<String> terms(String pattern, String text) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            List<String> into = required;
            char first = text.charAt(i);
            if ((first == '?' || first == '-') && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
                into = first == '?' ? optional : excluded;
                i++;
            }
            String term;
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw invalid(pattern, "a quoted phrase is not closed");
                }
                term = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (!term.isEmpty()) {
                into.add(term);
            }
        }
        return message -> required.stream().allMatch(message::contains)
                && (optional.isEmpty() || optional.stream().anyMatch(message::contains))
                && excluded.stream().noneMatch(message::contains);
    }
}
