package dev.localecs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsArns;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Tasks without an engine, for plugin unit tests: {@link #run} records the launch and answers a PENDING (or,
 * for awsvpc, PROVISIONING) task as RunTask does (its user tags kept in the tag registry, as the runtime keeps them); the test moves tasks on with {@link #change}; {@link #stop}
 * stops a task at once (UserInitiated); listeners get every change synchronously, in order.
 */
public final class FakeTaskService implements TaskService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EcsArns arns;
    private final ObjectMapper json;
    private final Supplier<Clock> clock;
    private final TagRegistry tagRegistry;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<RunTaskSpec> launches = new ArrayList<>();
    private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private ExecResult execAnswer = new ExecResult(0, "");
    private final Map<String, TaskUsage> usages = new LinkedHashMap<>();

    FakeTaskService(EcsArns arns, ObjectMapper json, Supplier<Clock> clock, TagRegistry tagRegistry) {
        this.tagRegistry = tagRegistry;
        this.arns = arns;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Task run(RunTaskSpec spec) {
        String id = HexFormat.of().formatHex(bytes());
        boolean awsvpc = "awsvpc".equals(spec.taskDefinition().networkMode());
        List<Map<String, Object>> containers = new ArrayList<>();
        for (ContainerDefinition c : spec.taskDefinition().containerDefinitions()) {
            Map<String, Object> container = new LinkedHashMap<>(Map.of("name", c.name(), "image",
                    c.image() == null ? "" : c.image(), "lastStatus", "PENDING", "taskArn", arns.task(spec.cluster(), id),
                    "healthStatus", "UNKNOWN"));
            if (spec.enableExecuteCommand()) {
                container.put("managedAgents", List.of(Map.of("name", "ExecuteCommandAgent", "lastStatus", "PENDING")));
            }
            containers.add(container);
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskArn", arns.task(spec.cluster(), id));
        task.put("clusterArn", arns.cluster(spec.cluster()));
        task.put("taskDefinitionArn", spec.taskDefinition().taskDefinitionArn());
        task.put("lastStatus", awsvpc ? "PROVISIONING" : "PENDING");
        task.put("desiredStatus", "RUNNING");
        task.put("launchType", spec.launchType());
        if (!"FARGATE".equals(spec.launchType())) {
            // on the instance placement chose: the engine's only machine's unless the spec names one
            task.put("containerInstanceArn", arns.containerInstance(spec.cluster(),
                    EcsArns.containerInstanceId(spec.cluster(), spec.placement().machine())));
        }
        task.put("group", spec.group());
        task.put("enableExecuteCommand", spec.enableExecuteCommand());
        spec.startedBy().ifPresent(by -> task.put("startedBy", by));
        task.put("createdAt", clock.get().instant().toEpochMilli() / 1000.0);
        task.put("version", 1);
        task.put("tags", spec.tags());
        task.put("containers", containers);
        Task created = json.convertValue(task, Task.class);
        synchronized (this) {
            launches.add(spec);
            tasks.put(id, created);
        }
        List<Tag> userTags = spec.tags().stream().filter(tag -> !tag.key().startsWith("aws:")).toList();
        if (!userTags.isEmpty()) {
            tagRegistry.tag(created.taskArn(), userTags);
        }
        publish(created);
        return created;
    }

    /**
     * A RUNNING EC2 task of a group on a container instance, as another scheduler's or a RunTask's would be.
     *
     * @param cluster the cluster name
     * @param containerInstanceArn the instance
     * @param group its group ({@code family:web})
     * @return the task
     */
    public Task runningOn(String cluster, String containerInstanceArn, String group) {
        return add(Map.of("clusterArn", arns.cluster(cluster), "containerInstanceArn", containerInstanceArn,
                "group", group, "lastStatus", "RUNNING", "desiredStatus", "RUNNING", "launchType", "EC2"));
    }

    /**
     * Adds a task as the test built it (wire members such as {@code clusterArn}, {@code launchType},
     * {@code lastStatus}, {@code desiredStatus}); a {@code taskArn} is made when absent.
     *
     * @param members the task's members
     * @return the task
     */
    public Task add(Map<String, Object> members) {
        Map<String, Object> wire = new LinkedHashMap<>(members);
        String id = HexFormat.of().formatHex(bytes());
        wire.putIfAbsent("taskArn", arns.task("default", id));
        wire.putIfAbsent("createdAt", clock.get().instant().toEpochMilli() / 1000.0);
        Task task = json.convertValue(wire, Task.class);
        synchronized (this) {
            tasks.put(task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1), task);
        }
        publish(task);
        return task;
    }

    /**
     * Changes a task as the lifecycle would (the test decides how) and tells the listeners.
     *
     * @param taskId the task id
     * @param change the change
     * @return the task after the change
     */
    public Task change(String taskId, UnaryOperator<Task> change) {
        Task changed;
        synchronized (this) {
            Task task = tasks.get(taskId);
            if (task == null) {
                throw new IllegalArgumentException("No task " + taskId);
            }
            changed = change.apply(task);
            tasks.put(taskId, changed);
        }
        publish(changed);
        return changed;
    }

    /**
     * Changes a task's members given as wire JSON (e.g. {@code {"lastStatus": "RUNNING"}}) and tells the listeners.
     *
     * @param taskId the task id
     * @param members the members to set
     * @return the task after the change
     */
    public Task change(String taskId, Map<String, Object> members) {
        return change(taskId, task -> {
            Map<String, Object> wire = json.convertValue(task, json.getTypeFactory()
                    .constructMapType(LinkedHashMap.class, String.class, Object.class));
            wire.putAll(members);
            wire.put("version", ((Number) wire.getOrDefault("version", 1)).longValue() + 1);
            return json.convertValue(wire, Task.class);
        });
    }

    /** Every task known, in creation order (what {@link FakeContainerInstances} counts per instance). */
    synchronized List<Task> all() {
        return List.copyOf(tasks.values());
    }

    /**
     * Every launch so far.
     *
     * @return the specs RunTask was called with, in order
     */
    public synchronized List<RunTaskSpec> launches() {
        return List.copyOf(launches);
    }

    /**
     * Sets what {@link #exec} answers.
     *
     * @param answer the result
     */
    public synchronized void answerExec(ExecResult answer) {
        this.execAnswer = answer;
    }

    /**
     * The commands {@link #exec} ran.
     *
     * @return the commands in order
     */
    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    @Override
    public synchronized Optional<Task> find(String cluster, String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).filter(t -> t.clusterArn().equals(arns.cluster(cluster)));
    }

    @Override
    public synchronized List<Task> list(TaskFilter filter) {
        return tasks.values().stream()
                .filter(t -> t.clusterArn().equals(arns.cluster(filter.cluster())))
                .filter(t -> t.desiredStatus().equals(filter.desiredStatus()))
                .filter(t -> filter.family().isEmpty() || t.taskDefinitionArn().contains(":task-definition/"
                        + filter.family().get() + ":"))
                .filter(t -> filter.startedBy().isEmpty() || filter.startedBy().get().equals(t.startedBy()))
                .filter(t -> filter.launchType().isEmpty() || filter.launchType().get().equals(t.launchType()))
                .filter(t -> filter.serviceName().isEmpty() || ("service:" + filter.serviceName().get())
                        .equals(t.group()))
                .sorted(Comparator.comparing(Task::createdAt).reversed().thenComparing(Task::taskArn)).toList();
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        if (find(cluster, taskId).isEmpty()) {
            return Optional.empty();
        }
        double now = clock.get().instant().toEpochMilli() / 1000.0;
        return Optional.of(change(taskId, Map.of("desiredStatus", "STOPPED", "lastStatus", "STOPPED", "stopCode",
                "UserInitiated", "stoppedReason", reason.filter(r -> !r.isBlank()).orElse("Task stopped by user"),
                "stoppingAt", now, "stoppedAt", now)));
    }

    @Override
    public synchronized int count(String cluster, String lastStatus) {
        return (int) tasks.values().stream().filter(t -> t.clusterArn().equals(arns.cluster(cluster)))
                .filter(t -> t.lastStatus().equals(lastStatus)).count();
    }

    @Override
    public synchronized Optional<ExecResult> exec(String cluster, String taskId, String container,
                                                  List<String> command) {
        Optional<Task> task = find(cluster, taskId);
        if (task.isEmpty() || task.get().containers().stream().noneMatch(c -> c.name().equals(container))) {
            return Optional.empty();
        }
        boolean running = task.get().containers().stream()
                .anyMatch(c -> c.name().equals(container) && "RUNNING".equals(c.lastStatus()));
        if (!running) {
            throw EcsException.client("Container '" + container + "' of task " + taskId + " is not running.");
        }
        commands.add(List.copyOf(command));
        return Optional.of(execAnswer);
    }

    @Override
    public TaskSubscription subscribe(TaskListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * How many listeners are subscribed now.
     *
     * @return the count
     */
    public int subscribers() {
        return listeners.size();
    }

    private void publish(Task task) {
        listeners.forEach(listener -> listener.onTaskChange(task));
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Sets what {@link #usage} answers for a task (none until set).
     *
     * @param taskId the task id
     * @param usage its usage now
     */
    public synchronized void usage(String taskId, TaskUsage usage) {
        usages.put(taskId, usage);
    }

    @Override
    public synchronized Optional<TaskUsage> usage(String cluster, String taskId) {
        return find(cluster, taskId).filter(task -> "RUNNING".equals(task.lastStatus()))
                .map(task -> usages.get(taskId));
    }
}
