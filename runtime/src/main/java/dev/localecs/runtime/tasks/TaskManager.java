package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.EcsArns;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import dev.localecs.runtime.network.TaskNetworkSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@link TaskService} face of the task lifecycle: RunTask composes the task and answers at once while
 * the launch goes on in the background; finds, lists and stops read and change tasks through the
 * {@link TaskHistory} and the {@link TaskLifecycle}; it also serves the credentials and metadata endpoint.
 */
public final class TaskManager implements TaskService, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskManager.class.getName());

    private final TaskEngine engine;
    private final TaskComposer composer;
    private final Path composeDest;
    private final EcsArns arns;
    private final Clock clock;
    private final TaskSettings settings;
    private final LaunchResources resources;
    private final TagRegistry tags;
    private final TaskEvents events = new TaskEvents();
    private final TaskHistory history;
    private final TaskLifecycle lifecycle;
    private final TaskOutputs outputs;

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
     * @param resources secrets, environment files and registry logins fetched at launch
     * @param tags the tag registry (a task's tags are kept there)
     * @param outputs where containers' output goes besides the engine (log sinks)
     */
    public TaskManager(TaskEngine engine, TaskComposer composer, Path composeDest, EcsArns arns, Clock clock,
                       TaskStore store, TaskSettings settings, LaunchResources resources,
                       TagRegistry tags, TaskOutputs outputs) {
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.composer = requireNonNull(composer, "composer is null");
        this.composeDest = requireNonNull(composeDest, "composeDest is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.resources = requireNonNull(resources, "resources is null");
        this.history = new TaskHistory(requireNonNull(store, "store is null"), clock, settings, events);
        this.lifecycle = new TaskLifecycle(engine, clock, settings, outputs);
    }

    /**
     * Opens the write-ahead log, connects the event stream, recovers the stored tasks with the engine, starts
     * the retention sweep.
     *
     * @param saved the tasks {@link TaskStore#load()} found (the start was refused if a file was unreadable)
     */
    public void start(List<PersistedTask> saved) {
        history.openLog();
        // the task network was shaped when the engine was chosen (RuntimeCore); each launch makes it if missing
        engine.events(new ContainerEvents(history, lifecycle));
        new TaskRecovery(history, lifecycle, engine, outputs, resources).recover(saved);
        history.startSweep(record -> {
            if (settings.removeContainers() == TaskSettings.RemoveContainers.AFTER_RETENTION) {
                lifecycle.remove(record);
            }
        });
    }

    @Override
    public Task run(RunTaskSpec spec) {
        String taskId = TaskRecords.newTaskId();
        String project = TaskConverter.projectName(spec.taskDefinition().family(), taskId);
        ComposedTask compose = composer.compose(spec.taskDefinition(), taskId, spec.cluster(), spec.overrides(),
                TaskComposer.newEndpointId(), TaskComposer.projectDirectory(composeDest, project),
                Optional.ofNullable(spec.group())).placed(spec.placement());
        compose.warnings().forEach(warning -> LOG.warning("Task " + taskId + ": " + warning));
        TaskRecord record = TaskRecords.create(arns, spec, spec.overrides().orElse(null), taskId, compose,
                clock.instant(), history::save);
        history.add(record);
        List<Tag> userTags = spec.tags().stream().filter(tag -> !tag.key().startsWith("aws:")).toList();
        if (!userTags.isEmpty()) {
            tags.tag(record.taskArn, userTags);
        }
        // RunTask answers the task as it was acknowledged (PROVISIONING or PENDING), as ECS does, however fast
        // the launch that starts now gets on
        Task acknowledged = record.snapshot();
        Thread.ofVirtual().name("launch-" + taskId)
                .start(() -> new TaskLauncher(lifecycle, engine, resources, settings, outputs, record, compose).launch());
        return acknowledged;
    }

    @Override
    public Optional<Task> find(String cluster, String taskId) {
        return inCluster(cluster, taskId).map(TaskRecord::snapshot);
    }

    /**
     * The machine the engine runs containers on.
     *
     * @return the engine's host
     */
    public EngineHost host() {
        return engine.host();
    }

    /**
     * The machines of a multi-machine engine (see {@link TaskEngine#nodes()}).
     *
     * @return the engine's nodes; empty for a single-machine engine
     */
    public List<EngineNode> nodes() {
        return engine.nodes();
    }

    @Override
    public List<Task> list(TaskFilter filter) {
        return list(filter, 0, Integer.MAX_VALUE);
    }

    @Override
    public List<Task> list(TaskFilter filter, int from, int limit) {
        boolean stopped = filter.desiredStatus().equals(TaskStatus.STOPPED.name());
        List<Task> result = new ArrayList<>();
        int skipped = 0;
        for (TaskRecord record : history.inCluster(filter.cluster(), stopped)) {
            if (result.size() >= limit) {
                break;
            }
            if (!matches(record, filter) || record.isStoppingOrStopped() != stopped) {
                continue;
            }
            if (skipped < from) {
                skipped++;
                continue;
            }
            Task task = record.snapshot();
            // a stop between the check above and the snapshot: the task is answered on the other side now
            if (TaskStatus.STOPPED.name().equals(task.desiredStatus()) == stopped) {
                result.add(task);
            }
        }
        return result;
    }

    /** Walks only the tasks not STOPPED (the index keeps them apart), never the stopped ones retained. */
    @Override
    public List<Task> holdingResources(String cluster) {
        List<Task> result = new ArrayList<>();
        for (TaskRecord record : history.holdingResources(cluster)) {
            Task task = record.snapshot();
            if (!TaskStatus.STOPPED.name().equals(task.lastStatus())) {
                result.add(task);
            }
        }
        return result;
    }

    /** The filters on what never changes in a task (its desired status is checked by the caller). */
    private static boolean matches(TaskRecord record, TaskFilter filter) {
        var spec = record.spec;
        return filter.family().map(f -> f.equals(spec.taskDefinition().family())).orElse(true)
                && filter.startedBy().map(s -> spec.startedBy().equals(Optional.of(s))).orElse(true)
                && filter.launchType().map(l -> l.equals(spec.launchType())).orElse(true)
                && filter.serviceName().map(n -> ("service:" + n).equals(spec.group())).orElse(true);
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        return stop(cluster, taskId, StopCode.USER_INITIATED,
                reason.filter(text -> !text.isBlank()).orElse("Task stopped by user"));
    }

    @Override
    public Optional<Task> stopForScheduler(String cluster, String taskId, String reason) {
        return stop(cluster, taskId, StopCode.SERVICE_SCHEDULER_INITIATED, reason);
    }

    /** Stops a task with a stop code; a change is logged before the answer. */
    private Optional<Task> stop(String cluster, String taskId, StopCode stopCode, String reason) {
        Optional<TaskRecord> record = inCluster(cluster, taskId);
        record.ifPresent(r -> {
            if (lifecycle.stop(r, stopCode, reason)) {
                history.logged(r);
            }
        });
        return record.map(TaskRecord::snapshot);
    }

    @Override
    public Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command) {
        TaskRecord record = inCluster(cluster, taskId).orElse(null);
        if (record == null || record.container(container) == null) {
            return Optional.empty();
        }
        String id;
        synchronized (record) {
            ContainerState state = record.containers.get(container);
            id = state.running() ? state.runtimeId : null;
        }
        if (id == null) {
            throw EcsException.client("Container '" + container + "' of task " + taskId + " is not running.");
        }
        return Optional.of(engine.exec(id, command));
    }

    /**
     * Starts a command with a terminal in a running container of a task (ECS Exec's data channel).
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @param container the ECS container name
     * @param command the command and its arguments
     * @param output receives the terminal's output and the end
     * @return the running command, or empty when the task or container is unknown
     * @throws IllegalStateException when the container is not running or the engine cannot start the command
     */
    public Optional<InteractiveExec> execInteractive(String cluster, String taskId, String container,
                                                     List<String> command, InteractiveExec.Output output) {
        TaskRecord record = inCluster(cluster, taskId).orElse(null);
        if (record == null || record.container(container) == null) {
            return Optional.empty();
        }
        String id;
        synchronized (record) {
            ContainerState state = record.containers.get(container);
            id = state.running() ? state.runtimeId : null;
        }
        if (id == null) {
            throw new IllegalStateException("Container '" + container + "' of task " + taskId + " is not running.");
        }
        return Optional.of(engine.execInteractive(id, command, output));
    }

    @Override
    public TaskSubscription subscribe(TaskListener listener) {
        return events.subscribe(listener);
    }

    @Override
    public int count(String cluster, String lastStatus) {
        if (TaskStatus.STOPPED.name().equals(lastStatus)) {
            return (int) history.all().stream()
                    .filter(r -> r.cluster.equals(cluster))
                    .filter(r -> lastStatus.equals(r.snapshot().lastStatus())).count();
        }
        // any other status is held by a task not STOPPED: the stopped ones retained are not walked
        int count = 0;
        for (TaskRecord record : history.holdingResources(cluster)) {
            if (lastStatus.equals(record.snapshot().lastStatus())) {
                count++;
            }
        }
        return count;
    }

    /** A task's view for the endpoint, by task id (package use: tests). */
    Optional<TaskView> view(String taskId) {
        return history.get(taskId).map(r -> new TaskView(r.taskId, r, settings.subnetGateway(), engine::facts));
    }

    private Optional<TaskRecord> inCluster(String cluster, String taskId) {
        return history.get(taskId).filter(record -> record.cluster.equals(cluster));
    }

    // ---- the credentials and metadata endpoint --------------------------------------------------------------

    /**
     * The task a credential/metadata id belongs to.
     *
     * @param endpointId the id from the URI
     * @return a view of the task
     */
    public Optional<TaskView> byEndpointId(String endpointId) {
        return history.byEndpointId(endpointId).map(r -> new TaskView(r.taskId, r, settings.subnetGateway(), engine::facts));
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
            boolean unknown;
            synchronized (record) {
                unknown = c.ip == null && c.runtimeId != null;
            }
            if (unknown) {
                TaskEngine.Observation seen = lifecycle.observe(c);
                if (seen != null && seen.ip().isPresent()) {
                    lifecycle.addressSeen(record, c, seen.ip().get());
                }
            }
        }
        return record.addresses().contains(address);
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
     * The task network and its endpoint, as the settings read them at start.
     *
     * @return the task network settings
     */
    public TaskNetworkSettings network() {
        return settings.network();
    }

    @Override
    public Optional<TaskUsage> usage(String cluster, String taskId) {
        TaskRecord record = inCluster(cluster, taskId).orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        List<String> running = new ArrayList<>();
        synchronized (record) {
            record.containers.values().stream().filter(ContainerState::running).forEach(c -> running.add(c.runtimeId));
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String id : running) {
            try {
                Map<String, Object> stats = engine.stats(id);
                if (!stats.isEmpty()) {
                    documents.add(stats);
                }
            } catch (RuntimeException e) {
                LOG.fine("Stats of " + id + ": " + e.getMessage());
            }
        }
        return documents.isEmpty() ? Optional.empty() : Optional.of(StatsUsage.of(documents));
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
    public void close() {
        events.close();
        history.close();
        try {
            engine.close();
        } catch (Exception e) {
            LOG.fine("Closing the engine: " + e.getMessage());
        }
    }
}
