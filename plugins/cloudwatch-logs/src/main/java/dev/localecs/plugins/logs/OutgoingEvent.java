package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One event on its way to a destination.
 *
 * @param timestamp epoch milliseconds
 * @param message the message (at most {@link PutLogEventsAction#MAX_EVENT_BYTES} counted)
 * @param size its size as CloudWatch counts it: UTF-8 bytes + 26
 */
record OutgoingEvent(long timestamp, String message, int size) {
    OutgoingEvent {
        requireNonNull(message, "message is null");
    }

    static OutgoingEvent of(long timestamp, String message) {
        return new OutgoingEvent(timestamp, message, message.getBytes(StandardCharsets.UTF_8).length
                + LogEvent.OVERHEAD);
    }
}
