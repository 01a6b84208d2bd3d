package dev.localecs.plugins.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Parses the inside of a JSON filter pattern ({@code $.level = "ERROR" && $.latency > 100}). */
final class JsonPatternParser {
    private final String pattern;
    private final String text;
    private int at;

    JsonPatternParser(String pattern, String text) {
        this.pattern = pattern;
        this.text = text;
    }

    Predicate<JsonNode> parse() {
        Predicate<JsonNode> condition = or();
        skipSpaces();
        if (at != text.length()) {
            throw FilterPattern.invalid(pattern, "unexpected '" + text.substring(at) + "'");
        }
        return condition;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (consume("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (consume("&&")) {
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (consume("(")) {
            Predicate<JsonNode> inner = or();
            if (!consume(")")) {
                throw FilterPattern.invalid(pattern, "a parenthesis is not closed");
            }
            return inner;
        }
        return comparison();
    }

    private Predicate<JsonNode> comparison() {
        skipSpaces();
        if (!text.startsWith("$", at)) {
            throw FilterPattern.invalid(pattern, "a JSON condition starts with a selector such as $.level");
        }
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "$._-[]".indexOf(text.charAt(at)) >= 0)) {
            at++;
        }
        String selector = text.substring(start, at);
        String pointer = pointer(selector);
        if (consumeWord("IS")) {
            if (consumeWord("NULL")) {
                return node -> node.at(pointer).isNull();
            }
            if (consumeWord("TRUE")) {
                return node -> node.at(pointer).isBoolean() && node.at(pointer).asBoolean();
            }
            if (consumeWord("FALSE")) {
                return node -> node.at(pointer).isBoolean() && !node.at(pointer).asBoolean();
            }
            throw FilterPattern.invalid(pattern, "IS is followed by NULL, TRUE or FALSE");
        }
        if (consumeWord("NOT")) {
            if (!consumeWord("EXISTS")) {
                throw FilterPattern.invalid(pattern, "NOT is followed by EXISTS");
            }
            return node -> node.at(pointer).isMissingNode();
        }
        String operator = operator();
        String value = value();
        boolean quoted = value.startsWith("\"");
        String literal = quoted ? value.substring(1, value.length() - 1) : value;
        BigDecimal number = quoted ? null : number(literal);
        return switch (operator) {
            case "=", "!=" -> {
                Predicate<JsonNode> equal = number != null
                        ? node -> node.at(pointer).isNumber() && node.at(pointer).decimalValue().compareTo(number) == 0
                        : stringMatch(pointer, literal);
                yield operator.equals("=") ? equal
                        : node -> !node.at(pointer).isMissingNode() && !equal.test(node);
            }
            default -> {
                if (number == null) {
                    throw FilterPattern.invalid(pattern, operator + " compares numbers");
                }
                yield node -> node.at(pointer).isNumber()
                        && compare(operator, node.at(pointer).decimalValue().compareTo(number));
            }
        };
    }

    private static Predicate<JsonNode> stringMatch(String pointer, String literal) {
        if (!literal.contains("*")) {
            return node -> node.at(pointer).isValueNode() && !node.at(pointer).isNull()
                    && node.at(pointer).asText().equals(literal);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : literal.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return node -> node.at(pointer).isValueNode() && !node.at(pointer).isNull()
                && compiled.matcher(node.at(pointer).asText()).matches();
    }

    private static boolean compare(String operator, int order) {
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private String pointer(String selector) {
        if (!selector.startsWith("$.") && !selector.startsWith("$[")) {
            throw FilterPattern.invalid(pattern, "the selector '" + selector + "' does not start with $. or $[");
        }
        StringBuilder pointer = new StringBuilder();
        for (String part : selector.substring(1).replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }

    private String operator() {
        skipSpaces();
        for (String operator : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(operator, at)) {
                at += operator.length();
                return operator;
            }
        }
        throw FilterPattern.invalid(pattern, "a comparison operator (=, !=, <, <=, >, >=) is expected");
    }

    private String value() {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == '"') {
            int close = text.indexOf('"', at + 1);
            if (close < 0) {
                throw FilterPattern.invalid(pattern, "a quoted value is not closed");
            }
            String value = text.substring(at, close + 1);
            at = close + 1;
            return value;
        }
        int start = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && "&|()".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw FilterPattern.invalid(pattern, "a value is expected");
        }
        return text.substring(start, at);
    }

    private static BigDecimal number(String literal) {
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean consume(String token) {
        skipSpaces();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private boolean consumeWord(String word) {
        skipSpaces();
        int end = at + word.length();
        if (text.regionMatches(true, at, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
