package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One step of a service whose task sets deploy it (CODE_DEPLOY, EXTERNAL), in place of the service scheduler's:
 * each task set runs {@code ceil(desiredCount × scale%)} tasks ({@code startedBy} the task set id, group
 * {@code service:<name>}), extra tasks stop, the counts and the stability status follow the tasks; a DRAINING task
 * set (deleted) stops its tasks and disappears once they have stopped; tasks of no task set stop; the events say
 * when a task set's stability status changes and when the service reaches a steady state; a deleted service becomes
 * INACTIVE when its last task has stopped; a task set whose tasks fail at once backs off as a deployment does.
 * Called under the service's lock.
 */
final class TaskSetReconciler {
    private final PluginContext context;
    private final ServiceStore store;
    private final ServiceTaskListeners listeners;
    private final BiPredicate<String, String> backingOff;
    private final ServicePlacement.News placementNews = new ServicePlacement.News();

    /**
     * @param backingOff whether a service (key) backs off launching for a task set (id): the scheduler's launch
     *     backoff after tasks that failed to start or exited at once, which counts task-set tasks by their
     *     {@code startedBy} as it counts a deployment's
     */
    TaskSetReconciler(PluginContext context, ServiceStore store, ServiceTaskListeners listeners,
                      BiPredicate<String, String> backingOff) {
        this.context = context;
        this.store = store;
        this.listeners = listeners;
        this.backingOff = backingOff;
    }

    void step(StoredService service) {
        double now = context.clock().instant().toEpochMilli() / 1000.0;
        boolean active = "ACTIVE".equals(service.status());
        List<Task> live = context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(), Optional.empty(),
                "RUNNING", Optional.empty(), Optional.of(service.serviceName())));
        StoredService changed = service;
        List<ObjectNode> sets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int left = 0;
        for (ObjectNode stored : TaskSets.of(service)) {
            ObjectNode set = stored.deepCopy();
            String id = set.path("id").asText();
            ids.add(id);
            boolean draining = "DRAINING".equals(set.path("status").asText());
            int desired = active && !draining ? TaskSets.computedDesired(service.desiredCount(), set) : 0;
            List<Task> remaining = new ArrayList<>(live.stream().filter(task -> id.equals(task.startedBy())).toList());
            while (remaining.size() > desired) {
                Task task = remaining.removeLast();
                stop(service, task, "Scaling activity initiated by (deployment " + id + ")");
            }
            List<Task> started = new ArrayList<>();
            if (remaining.size() < desired && !backingOff.test(service.key(), id)) {
                String subject = "service " + service.serviceName() + ", taskSet " + id;
                try {
                    ServicePlacement.Outcome placed = ServicePlacement.start(context, subject, service,
                            spec(service, set), desired - remaining.size());
                    for (Task task : placed.started()) {
                        listeners.started(service, task);
                        started.add(task);
                    }
                    Optional<String> news = placementNews.of(service.key() + "/" + id, placed);
                    if (news.isPresent()) {
                        changed = changed.withEvent(now, news.get());
                    }
                } catch (EcsException | IllegalStateException e) {
                    changed = onceEvent(changed, now, "(" + subject + ") failed to launch a task with (error "
                            + e.getMessage() + ").");
                }
            }
            if (!started.isEmpty()) {
                changed = changed.withEvent(now, "(service " + service.serviceName() + ", taskSet " + id
                        + ") has started " + started.size() + " tasks: " + taskList(started) + ".");
            }
            remaining.addAll(started);
            left += remaining.size();
            if (draining && remaining.isEmpty() && !stillStopping(service, Optional.of(id))) {
                continue;
            }
            ObjectNode counted = counted(set, desired, remaining, now);
            String stability = counted.path("stabilityStatus").asText();
            if (!stability.equals(stored.path("stabilityStatus").asText())) {
                changed = changed.withEvent(now, "(service " + service.serviceName() + ", taskSet " + id
                        + ") updated state to " + stability + ".");
            }
            sets.add(counted);
        }
        for (Task task : live) {
            if (task.startedBy() == null || !ids.contains(task.startedBy())) {
                stop(service, task, "Scaling activity initiated by (deployment " + task.startedBy() + ")");
            }
        }
        changed = TaskSets.with(changed, sets);
        // steady: every task set runs its computed count and none drains; said once per arrival, as ECS does
        boolean steady = active && !sets.isEmpty() && sets.stream().allMatch(set -> "STEADY_STATE".equals(
                set.path("stabilityStatus").asText()) && !"DRAINING".equals(set.path("status").asText()));
        if (steady && !changed.steady()) {
            changed = changed.withSteady(true).withEvent(now, "(service " + service.serviceName()
                    + ") has reached a steady state.");
        } else if (!steady && changed.steady()) {
            changed = changed.withSteady(false);
        }
        if (!active && left == 0 && live.stream().allMatch(task -> ids.contains(task.startedBy()))
                && !stillStopping(service, Optional.empty())) {
            changed = changed.withStatus("INACTIVE", changed.desiredCount());
        }
        if (!changed.equals(service)) {
            store.put(changed);
        }
    }

    /**
     * Whether a task of the service (of one task set, when given) was told to stop and has not stopped yet: a
     * DRAINING task set, and a deleted service, stay until their tasks have stopped, as on ECS.
     */
    private boolean stillStopping(StoredService service, Optional<String> taskSet) {
        return context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(), Optional.empty(), "STOPPED",
                Optional.empty(), Optional.of(service.serviceName()))).stream()
                .filter(task -> taskSet.isEmpty() || taskSet.get().equals(task.startedBy()))
                .anyMatch(task -> !"STOPPED".equals(task.lastStatus()));
    }

    private static ObjectNode counted(ObjectNode set, int desired, List<Task> tasks, double now) {
        int running = (int) tasks.stream().filter(task -> "RUNNING".equals(task.lastStatus())).count();
        int pending = tasks.size() - running;
        String stability = running == desired && pending == 0 ? "STEADY_STATE" : "STABILIZING";
        boolean moved = set.path("computedDesiredCount").asInt(-1) != desired
                || set.path("runningCount").asInt(-1) != running || set.path("pendingCount").asInt(-1) != pending;
        if (!stability.equals(set.path("stabilityStatus").asText())) {
            set.put("stabilityStatus", stability);
            set.put("stabilityStatusAt", now);
        }
        if (moved) {
            set.put("computedDesiredCount", desired);
            set.put("runningCount", running);
            set.put("pendingCount", pending);
            set.put("updatedAt", now);
        }
        return set;
    }

    private RunTaskSpec spec(StoredService service, JsonNode set) {
        TaskDefinition definition = context.taskDefinitions().resolve(set.path("taskDefinition").asText())
                .orElseThrow(EcsException::taskDefinitionNotFound);
        Optional<String> capacityProvider = Optional.ofNullable(set.path("capacityProviderStrategy").path(0)
                .path("capacityProvider").textValue());
        Optional<String> subnet = Optional.ofNullable(set.path("networkConfiguration")
                .path("awsvpcConfiguration").path("subnets").path(0).textValue());
        return new RunTaskSpec(definition, service.cluster(), Optional.empty(), Optional.of(set.path("id").asText()),
                "service:" + service.serviceName(), set.path("launchType").asText("EC2"), capacityProvider,
                Optional.ofNullable(set.path("platformVersion").textValue()), subnet,
                service.members().path("enableExecuteCommand").asBoolean(false),
                ServiceTaskSpecs.tags(context, service, definition));
    }

    private void stop(StoredService service, Task task, String reason) {
        listeners.stopping(service, task, reason);
        context.tasks().stopForScheduler(service.cluster(), id(task), reason);
    }

    /** The service with an event, unless it is already the newest one (a launch that keeps failing). */
    private static StoredService onceEvent(StoredService service, double now, String message) {
        if (!service.events().isEmpty() && service.events().getFirst().message().equals(message)) {
            return service;
        }
        return service.withEvent(now, message);
    }

    private static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private static String taskList(List<Task> tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add("(task " + id(task) + ")"));
        return String.join(" ", ids);
    }
}
