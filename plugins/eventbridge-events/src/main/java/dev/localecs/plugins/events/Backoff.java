package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Pauses between attempts: {@code initial}, doubled after each failure, at most {@code max}.
 *
 * @param initial the first pause
 * @param max the longest pause
 */
record Backoff(Duration initial, Duration max) {
    /** 200 ms, 400 ms, … up to 30 s. */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
    }

    /**
     * The pause after a number of failures in a row.
     *
     * @param failures at least 1
     * @return the pause
     */
    Duration after(int failures) {
        Duration pause = initial;
        for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) < 0 ? pause : max;
    }
}
