package dev.localecs.plugins.events;

import java.util.List;
import java.util.Optional;

/** Where events go: one PutEvents call per batch. */
interface EventSink extends AutoCloseable {
    /** The most entries one PutEvents call takes. */
    int MAX_BATCH = 10;

    /**
     * Sends one batch.
     *
     * @param entries at most {@link #MAX_BATCH} events
     * @return per entry, in order: empty when it was accepted, else why it was refused ({@code ErrorCode:
     *         ErrorMessage})
     * @throws DeliveryException when the call itself failed (unreachable, throttled, refused)
     */
    List<Optional<String>> put(List<EventEntry> entries);

    @Override
    default void close() {
    }
}
