package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * One stored log event. Events are ordered by timestamp, then by {@code seq}, the store-wide ingestion counter, so
 * events with the same timestamp keep the order they were put in and every event has a unique position.
 *
 * @param timestamp the event time (epoch milliseconds), as the caller gave it
 * @param ingestionTime when the store received it (epoch milliseconds)
 * @param seq the store-wide ingestion number
 * @param message the message
 */
record LogEvent(long timestamp, long ingestionTime, long seq, String message) {
    /** CloudWatch counts each event as its UTF-8 message plus 26 bytes. */
    static final int OVERHEAD = 26;
    /** Chronological order: timestamp, then ingestion number. */
    static final Comparator<LogEvent> ORDER = Comparator.comparingLong(LogEvent::timestamp)
            .thenComparingLong(LogEvent::seq);

    LogEvent {
        requireNonNull(message, "message is null");
    }

    /**
     * The event's size as CloudWatch counts it against batch and storage limits.
     *
     * @return the UTF-8 length of the message plus 26
     */
    int size() {
        return message.getBytes(StandardCharsets.UTF_8).length + OVERHEAD;
    }

    /**
     * The event's position as a key.
     *
     * @return the key
     */
    EventKey key() {
        return new EventKey(timestamp, seq);
    }

    /**
     * CloudWatch's event id form: 56 digits, here made of the timestamp and the ingestion number.
     *
     * @return the event id
     */
    String eventId() {
        return String.format("%019d%037d", timestamp, seq);
    }
}
