package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.error.EcsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list answer with ECS's {@code maxResults}/{@code nextToken} paging.
 *
 * @param items the items on this page
 * @param nextToken the token for the next page; empty on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    private static final String TOKEN_PREFIX = "local-ecs-api:offset:";

    /**
     * Validates the components.
     *
     * @param items the items
     * @param nextToken the token
     */
    public Page {
        items = List.copyOf(items);
        requireNonNull(nextToken, "nextToken is null");
    }

    /**
     * Cuts a page out of a complete, stably ordered list.
     *
     * @param all every item, in answer order
     * @param maxResults the request's {@code maxResults}, or {@code null} for the default
     * @param nextToken the request's {@code nextToken}, or {@code null} for the first page
     * @param defaultMax the page size when {@code maxResults} is absent
     * @param limit the largest allowed {@code maxResults}
     * @param <T> the item type
     * @return the page
     * @throws EcsException {@code InvalidParameterException} for a bad {@code maxResults} or {@code nextToken}
     */
    public static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken, int defaultMax, int limit) {
        int size = maxResults == null ? defaultMax : maxResults;
        if (maxResults != null && (maxResults < 1 || maxResults > limit)) {
            throw EcsException.invalidParameter("maxResults must be between 1 and " + limit + ".");
        }
        int from = nextToken == null || nextToken.isEmpty() ? 0 : decode(nextToken);
        if (from > all.size()) {
            throw EcsException.invalidParameter("Invalid nextToken.");
        }
        int to = Math.min(all.size(), from + size);
        Optional<String> next = to < all.size() ? Optional.of(encode(to)) : Optional.empty();
        return new Page<>(all.subList(from, to), next);
    }

    /**
     * Where a page starts and how long it is, from a request's paging members, for lists that fetch one
     * page at a time ({@link #of(List)}).
     *
     * @param from how many items come before the page
     * @param size the page size
     */
    public record Window(int from, int size) {
        /**
         * Reads a request's paging members.
         *
         * @param maxResults the request's {@code maxResults}, or {@code null} for the default
         * @param nextToken the request's {@code nextToken}, or {@code null} for the first page
         * @param defaultMax the page size when {@code maxResults} is absent
         * @param limit the largest allowed {@code maxResults}
         * @return the window
         * @throws EcsException {@code InvalidParameterException} for a bad {@code maxResults} or {@code nextToken}
         */
        public static Window of(Integer maxResults, String nextToken, int defaultMax, int limit) {
            if (maxResults != null && (maxResults < 1 || maxResults > limit)) {
                throw EcsException.invalidParameter("maxResults must be between 1 and " + limit + ".");
            }
            return new Window(nextToken == null || nextToken.isEmpty() ? 0 : decode(nextToken),
                    maxResults == null ? defaultMax : maxResults);
        }

        /**
         * The page, from the items fetched at this window: {@code size + 1} of them when there are more (the
         * extra one only says that a next page exists).
         *
         * @param fetched up to {@code size + 1} items starting at {@code from}
         * @param <T> the item type
         * @return the page
         */
        public <T> Page<T> of(List<T> fetched) {
            boolean more = fetched.size() > size;
            return new Page<>(more ? fetched.subList(0, size) : fetched,
                    more ? Optional.of(encode(from + size)) : Optional.empty());
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(TOKEN_PREFIX)) {
                throw EcsException.invalidParameter("Invalid nextToken.");
            }
            int offset = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
            if (offset < 0) {
                throw EcsException.invalidParameter("Invalid nextToken.");
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw EcsException.invalidParameter("Invalid nextToken.");
        }
    }
}
