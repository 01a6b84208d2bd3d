package dev.localecs.plugins.logs;

import java.util.List;

/** Where a container's events go: the embedded store, or CloudWatch Logs upstream. */
interface LogDestination extends AutoCloseable {

    /**
     * Makes the container's stream (and its group, when asked), before the container starts.
     *
     * @param group the group
     * @param stream the stream
     * @param createGroup whether a missing group is made
     * @throws dev.localecs.api.error.LogDriverException in the awslogs driver's words (a missing group)
     */
    void prepare(String group, String stream, boolean createGroup);

    /**
     * The timestamp of the stream's last event (after a restart, lines up to it were delivered already).
     *
     * @param group the group
     * @param stream the stream
     * @return epoch milliseconds, or empty for an empty stream
     */
    java.util.OptionalLong lastTimestamp(String group, String stream);

    /**
     * Delivers one batch (in order, within CloudWatch's limits).
     *
     * @param group the group
     * @param stream the stream
     * @param batch the events
     * @throws DeliveryException when it may work later (the caller retries with backoff)
     * @throws RuntimeException when it never will (the batch is dropped)
     */
    void put(String group, String stream, List<OutgoingEvent> batch);

    @Override
    default void close() {
    }

    /** A delivery that failed and may work when tried again. */
    final class DeliveryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
