package dev.localecs.plugins.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Offset paging for DescribeLogGroups and DescribeLogStreams.
 *
 * @param items the page
 * @param nextToken the token of the next page, empty on the last
 * @param <T> the item type
 */
record Paging<T>(List<T> items, Optional<String> nextToken) {
    private static final String PREFIX = "local-ecs-api:logs:";

    static <T> Paging<T> of(List<T> all, Integer limit, String token, int max) {
        if (limit != null && (limit < 1 || limit > max)) {
            throw LogsErrors.constraint("limit", limit, "have value less than or equal to " + max);
        }
        int size = limit == null ? max : limit;
        int from = token == null ? 0 : decode(token);
        if (from > all.size()) {
            throw LogsErrors.invalid("The specified nextToken is invalid.");
        }
        int to = Math.min(all.size(), from + size);
        return new Paging<>(List.copyOf(all.subList(from, to)), to < all.size() ? Optional.of(encode(to))
                : Optional.empty());
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw LogsErrors.invalid("The specified nextToken is invalid.");
            }
            int offset = Integer.parseInt(text.substring(PREFIX.length()));
            if (offset < 0) {
                throw LogsErrors.invalid("The specified nextToken is invalid.");
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalid("The specified nextToken is invalid.");
        }
    }
}
