package dev.localecs.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A plugin's long-running work (a service scheduler, a log shipper): started once the runtime is ready — the
 * API listening, tasks recovered — and stopped at shutdown before the task engine, in reverse start order.
 * {@link #start()} should return promptly (start the loop on a thread of its own); an exception from it marks
 * the worker FAILED in {@code /health} and the runtime goes on without it.
 */
public interface BackgroundWorker extends ExtensionPoint {

    /**
     * The worker's name, used in logs and {@code /health}.
     *
     * @return e.g. {@code service-scheduler}
     */
    String name();

    /**
     * Where this worker starts among the others; lower starts first and stops last.
     *
     * @return the order, 100 unless overridden
     */
    default int order() {
        return 100;
    }

    /** Starts the work. */
    void start();

    /** Stops the work; the runtime waits at most a few seconds for it. */
    void stop();

    /**
     * What is wrong with the running worker, if anything (shown in {@code /health}, which then reports DEGRADED).
     *
     * @return the problem, empty while the worker is well
     */
    default Optional<String> problem() {
        return Optional.empty();
    }
}
