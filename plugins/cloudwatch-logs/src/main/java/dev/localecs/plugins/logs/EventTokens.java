package dev.localecs.plugins.logs;

/**
 * GetLogEvents' tokens as CloudWatch shapes them: {@code f/} (forward) or {@code b/} (backward) and 56 digits,
 * here the boundary between events ({@link EventKey}) the next page starts from.
 */
final class EventTokens {
    private EventTokens() {
    }

    /** A parsed token. */
    record Token(boolean forward, EventKey boundary) {
    }

    static String forward(EventKey boundary) {
        return "f/" + digits(boundary);
    }

    static String backward(EventKey boundary) {
        return "b/" + digits(boundary);
    }

    static Token parse(String token) {
        if (token.length() != 58 || !(token.startsWith("f/") || token.startsWith("b/"))
                || !token.substring(2).chars().allMatch(Character::isDigit)) {
            throw LogsErrors.invalid("The specified nextToken is invalid.");
        }
        try {
            return new Token(token.charAt(0) == 'f', new EventKey(Long.parseLong(token.substring(2, 21)),
                    Long.parseLong(token.substring(21))));
        } catch (NumberFormatException e) {
            throw LogsErrors.invalid("The specified nextToken is invalid.");
        }
    }

    private static String digits(EventKey boundary) {
        return String.format("%019d%037d", Math.max(0, boundary.timestamp()), Math.max(0, boundary.seq()));
    }
}
