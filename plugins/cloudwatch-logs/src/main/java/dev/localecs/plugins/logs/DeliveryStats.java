package dev.localecs.plugins.logs;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts of awslogs delivery, shared by the sink and the worker (which shows drops in {@code /health}).
 */
final class DeliveryStats {
    /** The one instance the plugin's extensions share (PF4J builds each extension on its own). */
    static final DeliveryStats SHARED = new DeliveryStats();

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile long lastDrop = Long.MIN_VALUE;

    void delivered(int events) {
        delivered.addAndGet(events);
    }

    void dropped(int events, String why) {
        dropped.addAndGet(events);
        lastFailure.set(why);
        lastDrop = System.currentTimeMillis();
    }

    long delivered() {
        return delivered.get();
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * The last drop, if one happened since {@code since} (epoch milliseconds).
     *
     * @param since the earliest drop that counts
     * @return the problem, for {@code /health}
     */
    Optional<String> problemSince(long since) {
        if (lastDrop < since) {
            return Optional.empty();
        }
        return Optional.of(dropped.get() + " awslogs events could not be delivered; the last failure: "
                + lastFailure.get());
    }
}
