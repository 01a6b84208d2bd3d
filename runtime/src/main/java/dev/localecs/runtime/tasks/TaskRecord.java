package dev.localecs.runtime.tasks;

import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.Attachment;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.KeyValuePair;
import dev.localecs.api.model.NetworkInterface;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskOverride;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One task's lifecycle state. Every change goes through {@link #update(Consumer)}, which bumps
 * {@code version}, wakes waiters (dependency conditions) and notifies the listener (persistence).
 */
public final class TaskRecord {
    final String taskId;
    final String taskArn;
    final String clusterArn;
    final String cluster;
    final RunTaskSpec spec;
    final TaskOverride overrides;
    final String project;
    final String endpointId;
    final Map<String, ContainerState> containers = new LinkedHashMap<>();
    final Instant createdAt;
    TaskStatus lastStatus;
    TaskStatus desiredStatus = TaskStatus.RUNNING;
    long version = 1;
    Instant pullStartedAt;
    Instant pullStoppedAt;
    Instant startedAt;
    Instant connectivityAt;
    Instant stoppingAt;
    Instant executionStoppedAt;
    Instant stoppedAt;
    StopCode stopCode;
    String stoppedReason;
    String privateIp;
    String macAddress;
    String attachmentId;
    String networkInterfaceId;
    String pauseService;
    String pauseId;
    long savedVersion;
    /** Where state changes are published (the manager's; none until it adopts the record). */
    TaskEvents events;
    private String publishedSignature = "";
    private Task snapshot;
    private long snapshotVersion;
    private final Consumer<TaskRecord> listener;

    TaskRecord(String taskId, String taskArn, String clusterArn, RunTaskSpec spec, TaskOverride overrides,
               String project, String endpointId, Instant createdAt, Consumer<TaskRecord> listener) {
        this.taskId = taskId;
        this.taskArn = taskArn;
        this.clusterArn = clusterArn;
        this.cluster = spec.cluster();
        this.spec = spec;
        this.overrides = overrides;
        this.project = project;
        this.endpointId = endpointId;
        this.createdAt = createdAt;
        this.lastStatus = awsvpc() ? TaskStatus.PROVISIONING : TaskStatus.PENDING;
        this.listener = listener;
    }

    /** Rebuilds a record from disk after a restart. */
    static TaskRecord restore(PersistedTask saved, Consumer<TaskRecord> listener) {
        Task t = saved.task();
        TaskRecord r = new TaskRecord(t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1), t.taskArn(),
                t.clusterArn(), saved.spec(), t.overrides(), saved.project(), saved.endpointId(), t.createdAt(),
                listener);
        r.lastStatus = TaskStatus.valueOf(t.lastStatus());
        r.desiredStatus = TaskStatus.valueOf(t.desiredStatus());
        r.version = t.version() == null ? 1 : t.version();
        r.savedVersion = r.version;
        r.pullStartedAt = t.pullStartedAt();
        r.pullStoppedAt = t.pullStoppedAt();
        r.startedAt = t.startedAt();
        r.connectivityAt = t.connectivityAt();
        r.stoppingAt = t.stoppingAt();
        r.executionStoppedAt = t.executionStoppedAt();
        r.stoppedAt = t.stoppedAt();
        r.stopCode = StopCode.of(t.stopCode());
        r.stoppedReason = t.stoppedReason();
        r.pauseId = saved.pauseId();
        if (t.attachments() != null && !t.attachments().isEmpty()) {
            var attachment = t.attachments().get(0);
            r.attachmentId = attachment.id();
            for (KeyValuePair detail : attachment.details()) {
                switch (detail.name()) {
                    case "networkInterfaceId" -> r.networkInterfaceId = detail.value();
                    case "macAddress" -> r.macAddress = detail.value();
                    case "privateIPv4Address" -> r.privateIp = detail.value();
                    default -> { }
                }
            }
        }
        for (Container c : t.containers()) {
            ContainerState state = new ContainerState(c.name(), c.containerArn(),
                    saved.essential().getOrDefault(c.name(), true), c.image());
            state.imageDigest = c.imageDigest();
            state.runtimeId = c.runtimeId();
            state.lastStatus = ContainerStatus.valueOf(c.lastStatus());
            state.exitCode = c.exitCode();
            state.reason = c.reason();
            state.healthStatus = HealthStatus.of(c.healthStatus());
            state.networkBindings = c.networkBindings() == null ? List.of() : c.networkBindings();
            state.cpu = c.cpu();
            state.memory = c.memory();
            state.memoryReservation = c.memoryReservation();
            state.stopTimeout = saved.stopTimeouts().getOrDefault(c.name(), 30);
            r.containers.put(c.name(), state);
        }
        return r;
    }

    /** What goes to disk. */
    synchronized PersistedTask persisted() {
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        Map<String, Boolean> essential = new LinkedHashMap<>();
        containers.values().forEach(c -> {
            timeouts.put(c.name, c.stopTimeout);
            essential.put(c.name, c.essential);
        });
        return new PersistedTask(snapshot(), spec, project, endpointId, timeouts, essential, pauseId);
    }

    /** The task role: the RunTask override, else the task definition's. */
    synchronized Optional<String> taskRoleArn() {
        if (overrides != null && overrides.taskRoleArn() != null) {
            return Optional.of(overrides.taskRoleArn());
        }
        return Optional.ofNullable(spec.taskDefinition().taskRoleArn());
    }

    /** The execution role: the RunTask override, else the task definition's. */
    synchronized Optional<String> executionRole() {
        if (overrides != null && overrides.executionRoleArn() != null) {
            return Optional.of(overrides.executionRoleArn());
        }
        return Optional.ofNullable(spec.taskDefinition().executionRoleArn());
    }

    /** The addresses the task's containers send from (source check of the endpoint). */
    synchronized Set<String> addresses() {
        Set<String> addresses = new HashSet<>();
        if (privateIp != null) {
            addresses.add(privateIp);
        }
        containers.values().forEach(c -> {
            if (c.ip != null) {
                addresses.add(c.ip);
            }
        });
        return addresses;
    }

    boolean awsvpc() {
        return "awsvpc".equals(spec.taskDefinition().networkMode());
    }

    /** Applies a change atomically, bumps the version and tells waiters and the listener. */
    void update(Consumer<TaskRecord> change) {
        synchronized (this) {
            change.accept(this);
            version++;
            notifyAll();
            announce();
        }
        listener.accept(this);
    }

    /**
     * Publishes a snapshot when a status, health, exit code or stop reason differs from the last one published
     * (under this record's lock, so one task's events are queued in order).
     */
    synchronized void announce() {
        if (events == null || !events.active()) {
            return;
        }
        StringBuilder signature = new StringBuilder().append(lastStatus).append('|').append(desiredStatus)
                .append('|').append(stopCode).append('|').append(stoppedReason);
        for (ContainerState c : containers.values()) {
            signature.append('|').append(c.name).append(':').append(c.lastStatus).append(':')
                    .append(c.healthStatus).append(':').append(c.exitCode).append(':').append(c.reason);
        }
        String now = signature.toString();
        if (!now.equals(publishedSignature)) {
            publishedSignature = now;
            events.publish(snapshot());
        }
    }

    /** Waits (bounded) until a condition on this record holds. */
    synchronized boolean await(Predicate<TaskRecord> condition, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.test(this)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized ContainerState container(String name) {
        return containers.get(name);
    }

    synchronized boolean isStoppingOrStopped() {
        return desiredStatus == TaskStatus.STOPPED;
    }

    synchronized boolean isStopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    /**
     * The task as ECS shows it (an immutable snapshot), rendered once per version: every change goes through
     * {@link #update(Consumer)}, which bumps the version, so reads between changes share one snapshot.
     */
    synchronized Task snapshot() {
        if (snapshot == null || snapshotVersion != version) {
            snapshot = TaskSnapshots.of(this);
            snapshotVersion = version;
        }
        return snapshot;
    }
}
