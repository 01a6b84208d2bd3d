package dev.localecs.api.work;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keys to look at soon, each queued once until it is taken: a burst of changes of one key wakes it once, and a
 * change after it was taken wakes it again.
 */
public final class WakeQueue {
    private final BlockingQueue<String> wakes = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /**
     * Asks for a key to be looked at.
     *
     * @param key the key
     */
    public void wake(String key) {
        if (queued.add(key)) {
            wakes.add(key);
        }
    }

    /**
     * The next key to look at, waiting at most a while.
     *
     * @param timeout how long to wait (a negative one does not wait)
     * @return the key, or empty when none was asked for in time
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<String> next(Duration timeout) throws InterruptedException {
        Optional<String> next = Optional.ofNullable(wakes.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS));
        // taken before the work reads fresh state: a change during the work wakes the key again
        next.ifPresent(queued::remove);
        return next;
    }
}
