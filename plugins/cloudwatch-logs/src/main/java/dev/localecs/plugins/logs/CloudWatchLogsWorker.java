package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * Keeps the embedded CloudWatch Logs durable and within its policies: loads the store at start, writes its
 * changes every flush interval (and once more at stop), and deletes events past their group's retention every
 * sweep interval. Its problem in {@code /health}: events dropped to stay within {@code logs.max-stored-mib} or awslogs
 * events that could not be delivered (for 15 minutes after the last drop), or a failing write.
 */
@Extension
public final class CloudWatchLogsWorker implements BackgroundWorker {
    private static final Logger LOG = Logger.getLogger(CloudWatchLogsWorker.class.getName());
    /** How long after the last drop {@link #problem()} reports it. */
    private static final Duration DROP_SHOWN = Duration.ofMinutes(15);

    private final PluginContext context;
    private volatile ScheduledExecutorService executor;
    private volatile LogStore store;
    private volatile String writeFailure;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public CloudWatchLogsWorker(PluginContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String name() {
        return "cloudwatch-logs";
    }

    @Override
    public synchronized void start() {
        LogsSettings settings = LogsSettings.read(context);
        store = LogStores.of(context);
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cloudwatch-logs")
                .daemon().factory());
        long flush = settings.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flush, flush, flush, TimeUnit.MILLISECONDS);
        long sweep = settings.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, 0, sweep, TimeUnit.MILLISECONDS);
        LOG.info("Serving the embedded CloudWatch Logs API, kept in " + settings.dir() + " (at most "
                + settings.maxStoredBytes() / (1024 * 1024) + " MiB)");
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        LogStores.close(context);
    }

    @Override
    public Optional<String> problem() {
        if (writeFailure != null) {
            return Optional.of(writeFailure);
        }
        Optional<String> delivery = DeliveryStats.SHARED.problemSince(context.clock().millis() - DROP_SHOWN.toMillis());
        if (delivery.isPresent()) {
            return delivery;
        }
        LogStore current = store;
        if (current == null) {
            return Optional.empty();
        }
        Optional<Long> lastDrop = current.lastDrop();
        if (lastDrop.isEmpty() || context.clock().millis() - lastDrop.get() > DROP_SHOWN.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(current.dropped() + " log events were dropped (oldest first) to keep the embedded "
                + "CloudWatch Logs within " + LogsSettings.MAX_STORED_KEY + " (" + current.maxStoredBytes() / (1024 * 1024)
                + " MiB); the last one " + (context.clock().millis() - lastDrop.get()) / 1000 + " s ago");
    }

    private void flush() {
        try {
            store.flush();
            writeFailure = null;
        } catch (RuntimeException e) {
            writeFailure = "Cannot write the embedded CloudWatch Logs to disk: " + e.getMessage();
            LOG.log(Level.WARNING, writeFailure, e);
        }
    }

    private void sweep() {
        try {
            int deleted = store.sweep();
            if (deleted > 0) {
                LOG.fine(() -> "Deleted " + deleted + " log events past their retention");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention sweep failed", e);
        }
    }
}
