package dev.localecs.api.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconciling loop on a thread of its own: every key on a tick (so work resumes after a restart from stored
 * state without waiting for a change) and one key as soon as it is woken. A failed step is logged, becomes the
 * loop's {@link #problem()} until a step succeeds, and delays nothing but the next tick.
 */
public final class ReconcileLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final String name;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** What the loop does. */
    public interface Reconciler {
        /** Looks at every key (on the tick). */
        void reconcileAll();

        /**
         * Looks at one key (when woken).
         *
         * @param key the key
         */
        void reconcile(String key);
    }

    private ReconcileLoop(String name, Duration tick, WakeQueue wakes, Reconciler reconciler) {
        this.name = name;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> loop(tick, wakes, reconciler));
    }

    /**
     * Starts a loop.
     *
     * @param name the thread's name, and the loop's in messages ("service-scheduler")
     * @param tick how often every key is looked at
     * @param wakes the keys asked for between ticks
     * @param reconciler what the loop does
     * @return the running loop
     */
    public static ReconcileLoop start(String name, Duration tick, WakeQueue wakes, Reconciler reconciler) {
        ReconcileLoop loop = new ReconcileLoop(name, tick, wakes, reconciler);
        loop.thread.start();
        return loop;
    }

    private void loop(Duration tick, WakeQueue wakes, Reconciler reconciler) {
        Instant nextTick = Instant.now();
        while (running) {
            try {
                if (!Instant.now().isBefore(nextTick)) {
                    reconciler.reconcileAll();
                    nextTick = Instant.now().plus(tick);
                }
                Optional<String> key = wakes.next(Duration.between(Instant.now(), nextTick));
                if (key.isPresent()) {
                    reconciler.reconcile(key.get());
                }
                problem.set(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} step failed: {}", name, e.toString(), e);
                problem.set("The " + name + " failed: " + e.getMessage());
                nextTick = Instant.now().plus(tick);
            }
        }
    }

    /**
     * What the last step's failure was, until a step succeeds.
     *
     * @return the problem, or empty
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }

    /** Stops the loop and waits (up to 5 s) for the step under way to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
