package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.EcsArns;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskService;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.NetworkBinding;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.state.WriteAheadLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ECS task lifecycle on top of a {@link TaskEngine}: RunTask answers at once and the launch goes on in
 * the background; container events move containers and tasks through ECS's states; stopped tasks stay
 * visible for the retention period; everything is kept in memory and on disk.
 */
public final class TaskManager implements TaskService, TaskEngine.EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskManager.class.getName());
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Duration COMPACTION_DELAY = Duration.ofMillis(500);

    /** Lifecycle settings. */
    public record Settings(Duration stoppedRetention, String removeContainers, Duration dependencyTimeout,
                           String taskNetwork) {
    }

    private final TaskEngine engine;
    private final TaskComposer composer;
    private final Path composeDest;
    private final EcsArns arns;
    private final Clock clock;
    private final TaskStore store;
    private final Settings settings;
    private final ObjectMapper json;
    private final Optional<dev.localecs.runtime.endpoint.SecretResolver> secrets;
    private final Optional<dev.localecs.runtime.endpoint.EnvironmentFiles> environmentFiles;
    private final Optional<dev.localecs.runtime.endpoint.RegistryLogins> registryLogins;
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Map<String, ComposedTask> composed = new ConcurrentHashMap<>();
    /** Credential/metadata id → task id: every endpoint request looks its task up here. */
    private final Map<String, String> endpointIds = new ConcurrentHashMap<>();
    private final java.util.Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean compactionQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("task-store").daemon().factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("task-retention").daemon().factory());

    /**
     * Creates the manager; call {@link #start()} to connect events and recover tasks.
     *
     * @param engine the engine
     * @param composer the composer
     * @param composeDest where task folders go
     * @param arns the ARN builder
     * @param clock the clock
     * @param store the task store
     * @param settings lifecycle settings
     * @param json the wire mapper (reads the overrides)
     * @param secrets resolves container secrets at launch
     * @param environmentFiles reads container environment files at launch
     * @param registryLogins private-registry logins at launch
     */
    public TaskManager(TaskEngine engine, TaskComposer composer, Path composeDest, EcsArns arns, Clock clock,
                       TaskStore store, Settings settings, ObjectMapper json,
                       Optional<dev.localecs.runtime.endpoint.SecretResolver> secrets,
                       Optional<dev.localecs.runtime.endpoint.EnvironmentFiles> environmentFiles,
                       Optional<dev.localecs.runtime.endpoint.RegistryLogins> registryLogins) {
        this.registryLogins = requireNonNull(registryLogins, "registryLogins is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.environmentFiles = requireNonNull(environmentFiles, "environmentFiles is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.composer = requireNonNull(composer, "composer is null");
        this.composeDest = requireNonNull(composeDest, "composeDest is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Connects the event stream, recovers the stored tasks with the engine, starts the retention sweep.
     *
     * @param saved the tasks {@link TaskStore#load()} found (the start was refused if a file was unreadable)
     */
    public void start(List<PersistedTask> saved) {
        store.openJournal();
        try {
            engine.ensureTaskNetwork();
        } catch (RuntimeException e) {
            LOG.warning("The task network could not be made now (it is retried at each launch): " + e.getMessage());
        }
        engine.events(this);
        new TaskRecovery(this).recover(saved);
        long every = Math.max(1, Math.min(30, settings.stoppedRetention().toSeconds() / 2));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    // ---- TaskService ------------------------------------------------------------------------------------

    @Override
    public Task run(RunTaskSpec spec) {
        String taskId = newTaskId();
        String endpointId = TaskComposer.newEndpointId();
        String project = dev.localecs.runtime.compose.TaskConverter.projectName(spec.taskDefinition().family(), taskId);
        ComposedTask compose = composer.compose(spec.taskDefinition(), taskId, spec.cluster(), spec.overrides(),
                endpointId, TaskComposer.projectDirectory(composeDest, project));
        compose.warnings().forEach(warning -> LOG.warning("Task " + taskId + ": " + warning));
        TaskOverride overrides = spec.overrides().isEmpty() ? null : json.convertValue(spec.overrides(),
                TaskOverride.class);
        TaskRecord record = new TaskRecord(taskId, arns.task(spec.cluster(), taskId), arns.cluster(spec.cluster()),
                spec, overrides, project, endpointId, clock.instant(), this::save);
        for (ContainerDefinition c : spec.taskDefinition().containerDefinitions()) {
            ComposeService service = compose.effective().services().get(c.name());
            ContainerState state = new ContainerState(c.name(), arns.container(spec.cluster(), taskId,
                    UUID.randomUUID().toString()), c.essential() == null || c.essential(),
                    service.image() != null ? service.image() : c.image());
            state.cpu = String.valueOf(service.cpuShares() == null ? (c.cpu() == null ? 0 : c.cpu()) : service.cpuShares());
            state.memory = c.memory() == null ? null : String.valueOf(c.memory());
            state.memoryReservation = c.memoryReservation() == null ? null : String.valueOf(c.memoryReservation());
            state.hasHealthCheck = service.healthcheck() != null;
            state.stopTimeout = service.stopGracePeriod() == null ? 30
                    : (int) Duration.parse("PT" + service.stopGracePeriod().toUpperCase()).toSeconds();
            record.containers.put(c.name(), state);
        }
        record.pauseService = compose.effective().services().entrySet().stream()
                .filter(e -> e.getValue().labels() != null && e.getValue().labels().containsKey(EcsLabels.PAUSE))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (record.awsvpc()) {
            record.attachmentId = UUID.randomUUID().toString();
            record.networkInterfaceId = "eni-" + HexFormat.of().formatHex(randomBytes(9)).substring(0, 17);
        }
        // known before it is logged, so that a compaction of the log never finds it missing and drops it
        tasks.put(taskId, record);
        endpointIds.put(endpointId, taskId);
        composed.put(taskId, compose);
        try {
            // durable before the answer and before the launch: acknowledged means it survives a crash
            store.log(record.persisted());
        } catch (RuntimeException e) {
            tasks.remove(taskId);
            endpointIds.remove(endpointId);
            composed.remove(taskId);
            throw e;
        }
        save(record);
        compactSoon();
        Thread.ofVirtual().name("launch-" + taskId).start(() -> new TaskLauncher(this, record, compose).launch());
        return record.snapshot();
    }

    /**
     * The task a credential/metadata id belongs to.
     *
     * @param endpointId the id from the URI
     * @return a view of the task
     */
    public Optional<TaskView> byEndpointId(String endpointId) {
        return Optional.ofNullable(endpointIds.get(endpointId)).map(tasks::get).map(r -> new TaskView(r.taskId, r));
    }

    /**
     * Whether an address belongs to a container of the task. A container may call before its start has been
     * recorded, so an unknown address makes the engine asked once for the addresses not yet known.
     *
     * @param view the task
     * @param address the caller's address
     * @return whether the caller is one of the task's containers
     */
    public boolean isOwnAddress(TaskView view, String address) {
        TaskRecord record = view.record();
        if (record.addresses().contains(address)) {
            return true;
        }
        for (ContainerState c : List.copyOf(record.containers.values())) {
            String id;
            synchronized (record) {
                id = c.ip == null ? c.runtimeId : null;
            }
            if (id != null) {
                TaskEngine.Observation seen = observe(c);
                if (seen != null && seen.ip().isPresent()) {
                    record.update(r -> c.ip = seen.ip().get());
                }
            }
        }
        return record.addresses().contains(address);
    }

    /** Logins for images from private registries (ECR, repositoryCredentials), by service. */
    Map<String, RegistryLogin> registryLogins(TaskRecord record, ComposedTask compose) {
        Map<String, RegistryLogin> logins = new java.util.LinkedHashMap<>();
        if (registryLogins.isEmpty()) {
            return logins;
        }
        Optional<String> executionRole = Optional.ofNullable(record.overrides == null ? null
                : record.overrides.executionRoleArn())
                .or(() -> Optional.ofNullable(record.spec.taskDefinition().executionRoleArn()));
        compose.effective().services().forEach((name, service) -> {
            if (service.image() == null || service.build() != null) {
                return;
            }
            Optional<String> repositoryCredentials = Optional.ofNullable(service.labels())
                    .map(labels -> labels.get(EcsLabels.REPOSITORY_CREDENTIALS));
            registryLogins.get().forImage(record.taskId, executionRole, name, service.image(), repositoryCredentials)
                    .ifPresent(login -> logins.put(name, login));
        });
        return logins;
    }

    /**
     * The environment a service gets at launch beyond its compose file: variables of its environment files
     * (below the definition's own environment) and its secrets (values only in memory).
     */
    Map<String, String> secretsFor(TaskRecord record, String service, ComposeService definition) {
        Map<String, String> references = new java.util.LinkedHashMap<>();
        java.util.List<String> files = new ArrayList<>();
        if (definition.labels() != null) {
            definition.labels().forEach((label, value) -> {
                if (label.startsWith(EcsLabels.SECRET_PREFIX)) {
                    references.put(label.substring(EcsLabels.SECRET_PREFIX.length()), value);
                } else if (label.startsWith(EcsLabels.ENVIRONMENT_FILE_PREFIX)) {
                    files.add(value);
                }
            });
        }
        if (references.isEmpty() && files.isEmpty()) {
            return Map.of();
        }
        if (secrets.isEmpty() || environmentFiles.isEmpty()) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, service, "secrets and environment files cannot "
                    + "be retrieved: the runtime has no credentials endpoint", null);
        }
        Optional<String> executionRole = Optional.ofNullable(record.overrides == null ? null
                : record.overrides.executionRoleArn())
                .or(() -> Optional.ofNullable(record.spec.taskDefinition().executionRoleArn()));
        Map<String, String> launch = new java.util.LinkedHashMap<>();
        environmentFiles.get().read(record.taskId, executionRole, service, files).forEach((key, value) -> {
            if (definition.environment() == null || !definition.environment().containsKey(key)) {
                launch.put(key, value);
            }
        });
        launch.putAll(secrets.get().resolve(record.taskId, executionRole, service, references));
        return launch;
    }

    /**
     * Container mode: puts the runtime's own container on the task network at the endpoint address and on
     * the external networks, so task containers find the endpoint and app containers find the API.
     *
     * @param containerId the runtime's container
     * @param endpointAddress the endpoint address on the task network
     * @param external the external networks
     */
    public void attachRuntime(String containerId, String endpointAddress, List<String> external) {
        engine.ensureTaskNetwork();
        engine.attach(containerId, settings.taskNetwork(), Optional.of(endpointAddress));
        external.forEach(network -> engine.attach(containerId, network, Optional.empty()));
    }

    /**
     * Docker stats of a container.
     *
     * @param containerId the container
     * @return the stats document
     */
    public Map<String, Object> stats(String containerId) {
        return engine.stats(containerId);
    }

    @Override
    public Optional<Task> find(String cluster, String taskId) {
        TaskRecord record = tasks.get(taskId);
        return record == null || !record.cluster.equals(cluster) ? Optional.empty() : Optional.of(record.snapshot());
    }

    @Override
    public List<Task> list(TaskFilter filter) {
        List<Task> result = new ArrayList<>();
        for (TaskRecord record : tasks.values()) {
            if (!record.cluster.equals(filter.cluster())) {
                continue;
            }
            Task task = record.snapshot();
            if (!task.desiredStatus().equals(filter.desiredStatus())
                    || filter.family().isPresent() && !filter.family().get().equals(record.spec.taskDefinition().family())
                    || filter.startedBy().isPresent() && !filter.startedBy().equals(record.spec.startedBy())
                    || filter.launchType().isPresent() && !filter.launchType().get().equals(task.launchType())
                    || filter.serviceName().isPresent() && !("service:" + filter.serviceName().get()).equals(task.group())) {
                continue;
            }
            result.add(task);
        }
        result.sort(Comparator.comparing(Task::createdAt).reversed().thenComparing(Task::taskArn));
        return result;
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        TaskRecord record = tasks.get(taskId);
        if (record == null || !record.cluster.equals(cluster)) {
            return Optional.empty();
        }
        if (initiateStop(record, "UserInitiated", reason.filter(r -> !r.isBlank()).orElse("Task stopped by user"))) {
            store.log(record.persisted());
            compactSoon();
        }
        return Optional.of(record.snapshot());
    }

    @Override
    public Optional<dev.localecs.api.ExecResult> exec(String cluster, String taskId, String container,
                                                      List<String> command) {
        TaskRecord record = tasks.get(taskId);
        if (record == null || !record.cluster.equals(cluster) || record.container(container) == null) {
            return Optional.empty();
        }
        String id;
        synchronized (record) {
            ContainerState state = record.containers.get(container);
            id = "RUNNING".equals(state.lastStatus) ? state.runtimeId : null;
        }
        if (id == null) {
            throw dev.localecs.api.error.EcsException.client("Container '" + container + "' of task " + taskId
                    + " is not running.");
        }
        return Optional.of(engine.exec(id, command));
    }

    @Override
    public int count(String cluster, String lastStatus) {
        return (int) tasks.values().stream()
                .filter(r -> r.cluster.equals(cluster))
                .filter(r -> lastStatus.equals(r.snapshot().lastStatus())).count();
    }

    // ---- lifecycle --------------------------------------------------------------------------------------

    @Override
    public void onEvent(String taskArn, String container, String action, Optional<Integer> exitCode) {
        TaskRecord record = tasks.get(taskArn.substring(taskArn.lastIndexOf('/') + 1));
        if (record == null || container.equals(record.pauseService) || record.isStopped()) {
            // a stopped task is final: late events (removal, a last die) change nothing
            return;
        }
        ContainerState state = record.container(container);
        if (state == null) {
            return;
        }
        switch (action) {
            case "start" -> {
                boolean seenAlready;
                synchronized (record) {
                    seenAlready = !"PENDING".equals(state.lastStatus);
                }
                if (!seenAlready) {
                    markRunning(record, state, observe(state));
                }
            }
            case "oom" -> record.update(r -> state.oomKilled = true);
            case "die" -> {
                // cgroup v2 engines may not send "oom"; a SIGKILL exit is checked once against the engine
                boolean killed = exitCode.orElse(0) == 137 && !state.oomKilled;
                TaskEngine.Observation seen = killed ? observe(state) : null;
                record.update(r -> {
                    state.finishedAt = clock.instant();
                    if (seen != null && seen.oomKilled()) {
                        state.oomKilled = true;
                    }
                    state.lastStatus = "STOPPED";
                    state.exitCode = exitCode.orElse(state.exitCode);
                    if (state.oomKilled) {
                        state.reason = "OutOfMemoryError: Container killed due to memory usage";
                    }
                });
                if (state.essential) {
                    initiateStop(record, "EssentialContainerExited", "Essential container in task exited");
                }
            }
            default -> {
                if (action.startsWith("health_status")) {
                    String health = action.endsWith("unhealthy") ? "UNHEALTHY"
                            : action.endsWith("healthy") ? "HEALTHY" : null;
                    if (health != null) {
                        record.update(r -> state.healthStatus = health);
                    }
                }
            }
        }
    }

    /** A container started (its start call returned, or its start event came): RUNNING with its bindings. */
    void markRunning(TaskRecord record, ContainerState state, TaskEngine.Observation seen) {
        record.update(r -> {
            if (!"PENDING".equals(state.lastStatus)) {
                return;
            }
            state.lastStatus = "RUNNING";
            state.startedAt = clock.instant();
            if (seen != null) {
                state.ip = seen.ip().orElse(null);
                state.networkBindings = seen.ports().stream().map(p -> new NetworkBinding(p.hostIp(),
                        p.containerPort(), p.hostPort(), p.protocol().toLowerCase(java.util.Locale.ROOT), null, null))
                        .toList();
                seen.imageDigest().ifPresent(d -> state.imageDigest = d);
            }
            promoteIfRunning(r);
        });
    }

    TaskEngine.Observation observe(ContainerState state) {
        try {
            return state.runtimeId == null ? null : engine.observe(state.runtimeId, settings.taskNetwork());
        } catch (RuntimeException e) {
            LOG.fine("Cannot inspect " + state.runtimeId + ": " + e.getMessage());
            return null;
        }
    }

    /** PENDING → RUNNING once every essential container runs. */
    static void promoteIfRunning(TaskRecord r) {
        if (!"RUNNING".equals(r.desiredStatus) || "RUNNING".equals(r.lastStatus) || r.isStoppingOrStopped()) {
            return;
        }
        boolean allEssentialRunning = r.containers.values().stream()
                .filter(c -> c.essential).allMatch(c -> "RUNNING".equals(c.lastStatus));
        if (allEssentialRunning) {
            Instant now = Instant.now();
            r.lastStatus = "RUNNING";
            r.startedAt = r.startedAt == null ? now : r.startedAt;
            r.connectivityAt = r.connectivityAt == null ? now : r.connectivityAt;
        }
    }

    /**
     * Desired STOPPED with a stop code; containers are stopped in the background, then the task finishes.
     *
     * @return whether this call changed the task (false when it was already being stopped)
     */
    boolean initiateStop(TaskRecord record, String stopCode, String reason) {
        boolean[] first = {false};
        record.update(r -> {
            if ("STOPPED".equals(r.desiredStatus)) {
                return;
            }
            first[0] = true;
            r.desiredStatus = "STOPPED";
            r.stopCode = stopCode;
            r.stoppedReason = reason;
            r.stoppingAt = clock.instant();
            if (!"STOPPED".equals(r.lastStatus)) {
                r.lastStatus = r.awsvpc() ? "DEACTIVATING" : "STOPPING";
            }
        });
        if (first[0]) {
            Thread.ofVirtual().name("stop-" + record.taskId).start(() -> stopContainers(record));
        }
        return first[0];
    }

    void stopContainers(TaskRecord record) {
        List<Thread> stops = new ArrayList<>();
        for (ContainerState c : record.containers.values()) {
            String id;
            synchronized (record) {
                id = c.stopped() ? null : c.runtimeId;
            }
            if (id != null) {
                stops.add(Thread.ofVirtual().start(() -> {
                    try {
                        engine.stop(id, c.stopTimeout);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Stopping " + c.name + " of task " + record.taskId + " failed", e);
                    }
                }));
            }
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        finish(record);
    }

    /** Every container has stopped: record exit codes not yet seen, stop the pause container, STOPPED. */
    void finish(TaskRecord record) {
        for (ContainerState c : record.containers.values()) {
            if (c.runtimeId != null && !c.stopped()) {
                TaskEngine.Observation seen = observe(c);
                record.update(r -> {
                    c.lastStatus = "STOPPED";
                    if (seen != null) {
                        seen.exitCode().ifPresent(code -> c.exitCode = code);
                        if (seen.oomKilled() && c.reason == null) {
                            c.reason = "OutOfMemoryError: Container killed due to memory usage";
                        }
                    }
                });
            }
        }
        record.update(r -> {
            r.executionStoppedAt = clock.instant();
            r.containers.values().forEach(c -> c.lastStatus = "STOPPED");
            if (r.awsvpc()) {
                r.lastStatus = "DEPROVISIONING";
            }
        });
        if (record.pauseId != null) {
            try {
                engine.stop(record.pauseId, 2);
            } catch (RuntimeException e) {
                LOG.fine("Stopping the pause container of " + record.taskId + ": " + e.getMessage());
            }
        }
        if (settings.removeContainers().equals("immediately")) {
            // deprovisioned before STOPPED, so a STOPPED task has nothing left on the engine
            removeQuietly(record);
        }
        record.update(r -> {
            r.lastStatus = "STOPPED";
            r.stoppedAt = clock.instant();
        });
        composed.remove(record.taskId);
    }

    void removeQuietly(TaskRecord record) {
        try {
            engine.remove(record.project);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cleaning up task " + record.taskId + " failed", e);
        }
    }

    private void sweep() {
        Instant cutoff = clock.instant().minus(settings.stoppedRetention());
        for (TaskRecord record : List.copyOf(tasks.values())) {
            Instant stoppedAt;
            synchronized (record) {
                stoppedAt = record.isStopped() ? record.stoppedAt : null;
            }
            if (stoppedAt != null && stoppedAt.isBefore(cutoff)) {
                if (settings.removeContainers().equals("after-retention")) {
                    removeQuietly(record);
                }
                tasks.remove(record.taskId);
                endpointIds.remove(record.endpointId);
                writer.execute(() -> store.delete(record.taskId));
            }
        }
    }

    /** Writes a record off the launch and event paths; a burst of changes is written once. */
    void save(TaskRecord record) {
        if (dirty.add(record.taskId)) {
            writer.execute(() -> {
                dirty.remove(record.taskId);
                write(record);
            });
        }
    }

    /** On the writer: the record's file, unless it is up to date; false when it cannot be written. */
    private boolean write(TaskRecord record) {
        PersistedTask snapshot;
        long previous;
        synchronized (record) {
            if (record.version <= record.savedVersion) {
                return true;
            }
            previous = record.savedVersion;
            record.savedVersion = record.version;
            snapshot = record.persisted();
        }
        try {
            store.save(snapshot);
            return true;
        } catch (RuntimeException e) {
            synchronized (record) {
                record.savedVersion = Math.min(record.savedVersion, previous);
            }
            LOG.log(Level.WARNING, "Cannot save task " + record.taskId, e);
            return false;
        }
    }

    /**
     * Queues one compaction of the write-ahead log on the writer, shortly: a burst of calls shares one
     * segment, and the rotation stays off the calls' path.
     */
    private void compactSoon() {
        if (compactionQueued.compareAndSet(false, true)) {
            try {
                writer.schedule(this::compact, COMPACTION_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                compactionQueued.set(false); // shutting down: the log is replayed at the next start
            }
        }
    }

    /** On the writer: closes the log segment, writes every task in it to its file, then drops the segment. */
    private void compact() {
        compactionQueued.set(false);
        try {
            Optional<WriteAheadLog.Segment> rotated = store.rotate();
            if (rotated.isEmpty()) {
                return;
            }
            WriteAheadLog.Segment segment = rotated.get();
            boolean written = true;
            for (String taskId : segment.keys()) {
                TaskRecord record = tasks.get(taskId);
                // a task swept meanwhile has its file deleted: dropping the segment forgets it for good
                written &= record == null || write(record);
            }
            if (written) {
                store.release(segment);
            } else {
                LOG.warning("Keeping task log " + segment.file() + ": some tasks could not be written; it is "
                        + "replayed at the next start");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot compact the task log", e);
        }
    }

    // ---- package access for launcher and recovery -------------------------------------------------------

    TaskEngine engine() {
        return engine;
    }

    Settings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    Map<String, TaskRecord> records() {
        return tasks;
    }

    TaskRecord adopt(PersistedTask saved) {
        TaskRecord record = TaskRecord.restore(saved, this::save);
        tasks.put(record.taskId, record);
        endpointIds.put(record.endpointId, record.taskId);
        return record;
    }

    private static String newTaskId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        writer.execute(this::compact);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Task states still being written at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        try {
            engine.close();
        } catch (Exception e) {
            LOG.fine("Closing the engine: " + e.getMessage());
        }
    }
}
