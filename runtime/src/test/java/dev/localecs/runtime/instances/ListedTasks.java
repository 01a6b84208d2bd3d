package dev.localecs.runtime.instances;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.EcsJson;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks in a map for the placement tests: run records a PENDING task; {@link #move} makes one RUNNING or STOPPED;
 * {@link #listings} counts the ListTasks-style listings asked for.
 */
final class ListedTasks implements TaskService {
    private static final ObjectMapper JSON = EcsJson.create();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    final AtomicInteger runs = new AtomicInteger();
    /** How many times tasks of each desired status were listed. */
    final Map<String, Integer> listings = new ConcurrentHashMap<>();
    private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Task run(RunTaskSpec spec) {
        runs.incrementAndGet();
        String id = String.format("%032x", ids.incrementAndGet());
        ObjectNode task = JSON.createObjectNode();
        task.put("taskArn", "arn:aws:ecs:us-east-1:000000000000:task/" + spec.cluster() + "/" + id);
        task.put("clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/" + spec.cluster());
        task.put("taskDefinitionArn", spec.taskDefinition().taskDefinitionArn());
        task.put("launchType", spec.launchType());
        task.put("lastStatus", "PENDING");
        task.put("desiredStatus", "RUNNING");
        task.put("group", spec.group());
        task.put("containerInstanceArn", "arn:aws:ecs:us-east-1:000000000000:container-instance/" + spec.cluster()
                + "/" + dev.localecs.api.EcsArns.containerInstanceId(spec.cluster(), spec.placement().machine()));
        task.put("createdAt", Instant.now().getEpochSecond());
        Task created = JSON.convertValue(task, Task.class);
        tasks.put(id, created);
        listeners.forEach(l -> l.onTaskChange(created));
        return created;
    }

    /** Moves a task to a status (RUNNING, or STOPPED with desired status STOPPED). */
    void move(Task task, String status) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        ObjectNode node = JSON.valueToTree(tasks.get(id));
        node.put("lastStatus", status);
        if (status.equals("STOPPED")) {
            node.put("desiredStatus", "STOPPED");
        }
        Task moved = JSON.convertValue(node, Task.class);
        tasks.put(id, moved);
        listeners.forEach(l -> l.onTaskChange(moved));
    }

    /** Sets a task's desired status to STOPPED, its last status unchanged (a task being stopped). */
    void stopping(Task task) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        ObjectNode node = JSON.valueToTree(tasks.get(id));
        node.put("desiredStatus", "STOPPED");
        Task moved = JSON.convertValue(node, Task.class);
        tasks.put(id, moved);
        listeners.forEach(l -> l.onTaskChange(moved));
    }

    @Override
    public Optional<Task> find(String cluster, String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    /** Tasks not STOPPED, as the runtime's index keeps them: the stopped ones are never walked. */
    @Override
    public List<Task> holdingResources(String cluster) {
        List<Task> result = new ArrayList<>();
        tasks.values().stream().filter(t -> t.clusterArn().endsWith("/" + cluster))
                .filter(t -> !t.lastStatus().equals("STOPPED")).forEach(result::add);
        return result;
    }

    @Override
    public List<Task> list(TaskFilter filter) {
        listings.merge(filter.desiredStatus(), 1, Integer::sum);
        List<Task> result = new ArrayList<>();
        tasks.values().stream().filter(t -> t.clusterArn().endsWith("/" + filter.cluster()))
                .filter(t -> t.desiredStatus().equals(filter.desiredStatus())).forEach(result::add);
        return result;
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        Task task = tasks.get(taskId);
        if (task == null) {
            return Optional.empty();
        }
        move(task, "STOPPED");
        return Optional.of(tasks.get(taskId));
    }

    @Override
    public int count(String cluster, String lastStatus) {
        return (int) tasks.values().stream().filter(t -> t.clusterArn().endsWith("/" + cluster))
                .filter(t -> t.lastStatus().equals(lastStatus)).count();
    }

    /** Tasks here have no containers to run a command in: answered as the simulated engine answers (126). */
    @Override
    public Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command) {
        return Optional.ofNullable(tasks.get(taskId))
                .map(task -> new ExecResult(126, "placement tests run no processes"));
    }

    @Override
    public TaskSubscription subscribe(TaskListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
