package dev.localecs.plugins.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups events into PutLogEvents batches by CloudWatch's limits: at most 10,000 events, at most 1,048,576 bytes
 * (each event's UTF-8 message + 26), spanning at most 24 hours, in chronological order (events come in order).
 */
final class EventBatches {
    static final long MAX_SPAN_MILLIS = 24 * 3_600_000L;

    private final int maxEvents;
    private final int maxBytes;
    private List<OutgoingEvent> current = new ArrayList<>();
    private int bytes;

    EventBatches() {
        this(PutLogEventsAction.MAX_EVENTS, PutLogEventsAction.MAX_BATCH_BYTES);
    }

    EventBatches(int maxEvents, int maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds an event.
     *
     * @param event the event (not earlier than the previous one)
     * @return the batch it closed (full: the event did not fit), else an empty list
     */
    List<OutgoingEvent> add(OutgoingEvent event) {
        List<OutgoingEvent> closed = List.of();
        if (!current.isEmpty() && (current.size() == maxEvents || bytes + event.size() > maxBytes
                || event.timestamp() - current.getFirst().timestamp() > MAX_SPAN_MILLIS)) {
            closed = take();
        }
        current.add(event);
        bytes += event.size();
        return closed;
    }

    /** Whether events are waiting. */
    boolean isEmpty() {
        return current.isEmpty();
    }

    /**
     * The events waiting, as one batch.
     *
     * @return the batch (possibly empty)
     */
    List<OutgoingEvent> take() {
        List<OutgoingEvent> batch = current;
        current = new ArrayList<>();
        bytes = 0;
        return batch;
    }
}
