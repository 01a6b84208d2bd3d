package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ContainerLog;
import dev.localecs.api.ContainerLogSink;
import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.error.LogDriverException;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.LogConfiguration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds containers' output to the {@link ContainerLogSink}s: before a container with a {@code logConfiguration}
 * starts, the sinks are asked to open its log (a sink's refusal fails the start, as a Docker log driver's does);
 * once it runs, a {@code logs-<task>-<container>} thread follows the engine's output into the log until the
 * container stops, then ends it. The stopper waits, at most {@link #stopWait()}, for every log of a task to be
 * delivered before the task is STOPPED, so STOPPED means the whole output is where the sinks send it. A
 * definition's {@code logConfiguration.secretOptions} are resolved at launch: they go to the engine's log driver
 * when the engine runs the definition's driver, else to the sinks with the other options; their values never
 * appear in a reason (a sink's message that repeats one is masked).
 */
public final class TaskOutputs {
    private static final Logger LOG = Logger.getLogger(TaskOutputs.class.getName());

    /** No sinks: output stays with the engine only. */
    public static final TaskOutputs NONE = new TaskOutputs(List.of(), (taskId, role) -> {
        throw new IllegalStateException("no execution credentials");
    }, Duration.ZERO);

    private final List<ContainerLogSink> sinks;
    private final BiFunction<String, Optional<String>, AwsCredentials> executionCredentials;
    private final Duration stopWait;
    private final Map<String, List<CompletableFuture<Void>>> delivered = new ConcurrentHashMap<>();

    /**
     * Creates the feeder.
     *
     * @param sinks the sinks, in the order they are asked
     * @param executionCredentials a task's execution-role credentials: (task id, execution role) → credentials
     * @param stopWait how long a stop waits for a task's output to be delivered ({@code logs.stop-wait-seconds})
     */
    public TaskOutputs(List<ContainerLogSink> sinks,
                       BiFunction<String, Optional<String>, AwsCredentials> executionCredentials, Duration stopWait) {
        this.sinks = List.copyOf(requireNonNull(sinks, "sinks is null"));
        this.executionCredentials = requireNonNull(executionCredentials, "executionCredentials is null");
        this.stopWait = requireNonNull(stopWait, "stopWait is null");
    }

    /** @return how long a stop waits for a task's output */
    Duration stopWait() {
        return stopWait;
    }

    /**
     * Opens a container's log with the first sink that takes it.
     *
     * @return the log, tracked from now on for the task's stop, or empty when no sink delivers this container's
     *     output
     * @throws LaunchException {@code CannotStartContainerError} when a sink refuses (the log driver failed)
     */
    Optional<Opened> open(TaskRecord record, String container, String containerId, Map<String, String> secretOptions) {
        return open(record, container, containerId, secretOptions, false);
    }

    /**
     * Resolves a container's {@code logConfiguration.secretOptions}.
     *
     * @return option name → value; empty without secret options
     * @throws LaunchException {@code ResourceInitializationError} naming what could not be read
     */
    static Map<String, String> secretOptions(TaskRecord record, String container, LaunchResources resources) {
        return logConfiguration(record, container).filter(c -> c.secretOptions() != null)
                .map(c -> resources.logOptions(record.taskId, record.executionRole(), container, c.secretOptions()))
                .orElse(Map.of());
    }

    /**
     * Whether the engine runs the container's log driver itself (its compose service logs with the definition's
     * driver), so that resolved secret options are the engine's; otherwise the runtime replaced the driver (awslogs,
     * awsfirelens) and they are the sinks'.
     */
    static boolean engineRunsDriver(TaskRecord record, String container, ComposeService service) {
        return service != null && service.logging() != null && logConfiguration(record, container)
                .map(c -> c.logDriver().equals(service.logging().driver())).orElse(false);
    }

    private Optional<Opened> open(TaskRecord record, String container, String containerId,
                                  Map<String, String> secretOptions, boolean resumed) {
        Optional<LogConfiguration> configuration = logConfiguration(record, container);
        if (sinks.isEmpty() || configuration.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>(configuration.get().options() == null ? Map.of()
                : configuration.get().options());
        options.putAll(secretOptions);
        ContainerLogSource source = new ContainerLogSource(record.taskArn, record.cluster, container, containerId,
                configuration.get().logDriver(), options, () -> executionCredentials.apply(record.taskId,
                record.executionRole()), resumed, secretOptions.keySet());
        for (ContainerLogSink sink : sinks) {
            Optional<ContainerLog> log;
            try {
                log = sink.open(source);
            } catch (LogDriverException e) {
                throw new LaunchException(LaunchException.Kind.START, container,
                        "Error response from daemon: failed to initialize logging driver: "
                                + masked(e.getMessage(), secretOptions), secretOptions.isEmpty() ? e : null);
            }
            if (log.isPresent()) {
                return Optional.of(new Opened(log.get(), track(record)));
            }
        }
        return Optional.empty();
    }

    /** Follows a started container's output into its log on a thread of its own, until the container stops. */
    void follow(TaskEngine engine, TaskRecord record, String container, String containerId, Opened opened) {
        ContainerLog log = opened.log();
        CompletableFuture<Void> done = opened.done();
        Thread.ofVirtual().name("logs-" + record.taskId + "-" + container).start(() -> {
            try {
                engine.follow(containerId, log::accept);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Following the output of " + container + " of task " + record.taskId
                        + " failed", e);
            } finally {
                end(log, done);
            }
        });
    }

    /**
     * After a restart: a container of a task still tracked is followed again from the start of its output (the
     * sink skips what it delivered before the restart), so its later lines are delivered and its task's STOPPED
     * still waits for them.
     */
    void resume(TaskEngine engine, TaskRecord record, String container, String containerId,
                LaunchResources resources) {
        try {
            open(record, container, containerId, secretOptions(record, container, resources), true)
                    .ifPresent(opened -> follow(engine, record, container, containerId, opened));
        } catch (LaunchException e) {
            LOG.warning("The output of " + container + " of task " + record.taskId + " is not delivered after the "
                    + "restart: " + e.reason());
        }
    }

    /** A driver's message with every secret option's value masked (a driver may repeat a value it refuses). */
    static String masked(String message, Map<String, String> secretOptions) {
        String masked = message == null ? "" : message;
        for (String value : secretOptions.values()) {
            if (value != null && !value.isEmpty()) {
                masked = masked.replace(value, "****");
            }
        }
        return masked;
    }

    /** A log opened for a container that then did not start: ended at once. */
    void abandon(Opened opened) {
        end(opened.log(), opened.done());
    }

    /**
     * An opened container log and what completes once it is delivered.
     *
     * @param log the sink's log
     * @param done completes when the log's end has completed
     */
    record Opened(ContainerLog log, CompletableFuture<Void> done) {
    }

    private CompletableFuture<Void> track(TaskRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        delivered.computeIfAbsent(record.taskId, id -> new CopyOnWriteArrayList<>()).add(done);
        return done;
    }

    private static void end(ContainerLog log, CompletableFuture<Void> done) {
        try {
            log.end().whenComplete((ignored, failure) -> done.complete(null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ending a container log failed", e);
            done.complete(null);
        }
    }

    /**
     * Waits until every container log of a task is delivered, at most {@link #stopWait()} in all, and forgets
     * them.
     *
     * @param record the task, whose containers have all stopped
     */
    void awaitDelivered(TaskRecord record) {
        List<CompletableFuture<Void>> logs = delivered.remove(record.taskId);
        if (logs == null) {
            return;
        }
        try {
            CompletableFuture.allOf(logs.toArray(CompletableFuture[]::new)).get(stopWait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning("The output of task " + record.taskId + " was not all delivered within " + stopWait.toSeconds()
                    + " s (logs.stop-wait-seconds); the task is reported STOPPED without waiting further");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Delivering the output of task " + record.taskId + " failed", e.getCause());
        }
    }

    private static Optional<LogConfiguration> logConfiguration(TaskRecord record, String container) {
        List<ContainerDefinition> definitions = record.spec.taskDefinition().containerDefinitions();
        if (definitions == null) {
            return Optional.empty();
        }
        return definitions.stream().filter(d -> container.equals(d.name())).findFirst()
                .map(ContainerDefinition::logConfiguration).filter(c -> c.logDriver() != null);
    }
}
