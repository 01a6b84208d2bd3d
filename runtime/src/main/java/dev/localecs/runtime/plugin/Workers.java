package dev.localecs.runtime.plugin;

import dev.localecs.api.BackgroundWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugins' background workers: started in order once the runtime is ready, stopped in reverse order at
 * shutdown (each given a bounded time), with their states for {@code /health}.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    private final List<Registered<BackgroundWorker>> workers;
    private final Duration stopTimeout;
    private final Map<BackgroundWorker, String> failures = new LinkedHashMap<>();
    private final List<Registered<BackgroundWorker>> started = new ArrayList<>();

    /**
     * Creates the set.
     *
     * @param workers the workers with their plugins
     * @param stopTimeout how long one worker's stop may take
     */
    public Workers(List<Registered<BackgroundWorker>> workers, Duration stopTimeout) {
        this.workers = workers.stream()
                .sorted(Comparator.comparingInt((Registered<BackgroundWorker> r) -> r.extension().order()))
                .toList();
        this.stopTimeout = stopTimeout;
    }

    /** Starts every worker, in order; one that fails is recorded and the others still start. */
    public synchronized void start() {
        for (Registered<BackgroundWorker> worker : workers) {
            try {
                worker.extension().start();
                started.add(worker);
                LOG.info("Started worker " + worker.extension().name() + " of plugin " + worker.pluginId());
            } catch (RuntimeException e) {
                failures.put(worker.extension(), String.valueOf(e.getMessage()));
                LOG.log(Level.WARNING, "Worker " + worker.extension().name() + " of plugin " + worker.pluginId()
                        + " failed to start", e);
            }
        }
    }

    /**
     * Each worker's state: RUNNING, FAILED (with the error) or STOPPED (not started yet, or stopped).
     *
     * @return the states for {@code /health}
     */
    public synchronized List<WorkerStatus> status() {
        List<WorkerStatus> result = new ArrayList<>();
        for (Registered<BackgroundWorker> worker : workers) {
            BackgroundWorker w = worker.extension();
            String failure = failures.get(w);
            Optional<String> problem = failure != null ? Optional.of(failure) : started.contains(worker)
                    ? problemOf(w) : Optional.empty();
            String state = failure != null ? "FAILED" : started.contains(worker) ? "RUNNING" : "STOPPED";
            result.add(new WorkerStatus(w.name(), worker.pluginId(), state, problem));
        }
        return result;
    }

    private static Optional<String> problemOf(BackgroundWorker worker) {
        try {
            return worker.problem();
        } catch (RuntimeException e) {
            return Optional.of("problem() failed: " + e.getMessage());
        }
    }

    /** Stops the started workers in reverse order, waiting at most the stop timeout for each. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Registered<BackgroundWorker> worker = started.get(i);
            Thread stop = Thread.ofVirtual().name("stop-" + worker.extension().name()).start(() -> {
                try {
                    worker.extension().stop();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Worker " + worker.extension().name() + " failed to stop", e);
                }
            });
            try {
                if (!stop.join(stopTimeout)) {
                    LOG.warning("Worker " + worker.extension().name() + " did not stop within " + stopTimeout
                            + "; going on with the shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        started.clear();
    }

    /**
     * One worker as {@code /health} shows it.
     *
     * @param name the worker's name
     * @param plugin its plugin
     * @param state RUNNING, FAILED or STOPPED
     * @param error why it failed or what is wrong, if anything
     */
    public record WorkerStatus(String name, String plugin, String state, Optional<String> error) {
    }
}
