package dev.localecs.plugins.logs;

/**
 * A boundary between events in chronological order: the events before it have a smaller (timestamp, seq), the
 * events at or after it a greater or equal one. Paging tokens carry one.
 *
 * @param timestamp epoch milliseconds
 * @param seq ingestion number
 */
record EventKey(long timestamp, long seq) implements Comparable<EventKey> {
    /** The boundary just after a given event. */
    static EventKey after(LogEvent event) {
        return new EventKey(event.timestamp(), event.seq() + 1);
    }

    /** The boundary before every event at or after a time. */
    static EventKey at(long timestamp) {
        return new EventKey(timestamp, 0);
    }

    boolean isAfter(LogEvent event) {
        return compareTo(event.key()) > 0;
    }

    @Override
    public int compareTo(EventKey other) {
        int byTime = Long.compare(timestamp, other.timestamp);
        return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
}
