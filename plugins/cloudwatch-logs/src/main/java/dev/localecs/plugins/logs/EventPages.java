package dev.localecs.plugins.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * GetLogEvents paging, as CloudWatch pages a stream. A page is read forward (from the head, or after a
 * {@code nextForwardToken}) or backward (from the tail, or before a {@code nextBackwardToken}); every answer
 * carries both tokens: forward continues after the page's last event, backward before its first. A page with no
 * events gives back the token it was asked with — the way callers and paginators know they reached the end.
 */
final class EventPages {
    /** Most events in one page. */
    static final int MAX_LIMIT = 10_000;
    /** Most bytes (CloudWatch's event size) in one page. */
    static final int MAX_BYTES = 1_048_576;

    private EventPages() {
    }

    /** A page of events and the tokens to go on with. */
    record Result(List<LogEvent> events, String nextForwardToken, String nextBackwardToken) {
    }

    /**
     * Reads a page.
     *
     * @param events the stream's events, in order
     * @param from the first visible time (inclusive): startTime or the retention cut-off
     * @param to the end of the visible time (exclusive): endTime, or none
     * @param limit most events
     * @param token the token asked with, if any
     * @param startFromHead without a token: read from the head (else from the tail)
     * @return the page
     */
    static Result page(List<LogEvent> events, long from, long to, int limit, EventTokens.Token token,
                       boolean startFromHead) {
        boolean forward = token == null ? startFromHead : token.forward();
        EventKey boundary = token != null ? token.boundary()
                : forward ? EventKey.at(Math.max(0, from)) : EventKey.at(to);
        List<LogEvent> page = new ArrayList<>();
        int bytes = 0;
        if (forward) {
            for (int i = firstAtOrAfter(events, boundary); i < events.size() && page.size() < limit; i++) {
                LogEvent event = events.get(i);
                if (event.timestamp() >= to || (bytes += event.size()) > MAX_BYTES) {
                    break;
                }
                if (event.timestamp() >= from) {
                    page.add(event);
                }
            }
        } else {
            for (int i = firstAtOrAfter(events, boundary) - 1; i >= 0 && page.size() < limit; i--) {
                LogEvent event = events.get(i);
                if (event.timestamp() < from || (bytes += event.size()) > MAX_BYTES) {
                    break;
                }
                if (event.timestamp() < to) {
                    page.addFirst(event);
                }
            }
        }
        if (page.isEmpty()) {
            return new Result(page, EventTokens.forward(boundary), EventTokens.backward(boundary));
        }
        return new Result(page, EventTokens.forward(EventKey.after(page.getLast())),
                EventTokens.backward(page.getFirst().key()));
    }

    private static int firstAtOrAfter(List<LogEvent> events, EventKey boundary) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (boundary.isAfter(events.get(mid))) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
