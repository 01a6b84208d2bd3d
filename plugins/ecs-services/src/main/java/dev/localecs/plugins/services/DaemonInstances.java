package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a DAEMON service runs, as ECS decides it: one task on each ACTIVE container instance that meets its
 * {@code memberOf} placement constraints (the service's and its task definition's); its desired count is the
 * number of those instances. A task on an instance that left (deregistered, or no longer meeting the constraints)
 * stops; one on a DRAINING instance stops after the instance's other tasks (those of no DAEMON service) have.
 */
final class DaemonInstances {

    private DaemonInstances() {
    }

    /**
     * The cluster query the instances must meet: every {@code memberOf} expression, each in parentheses, joined
     * with {@code and}.
     *
     * @param constraints the service's {@code placementConstraints}
     * @param definition the task definition, whose constraints count too
     * @return the expression; empty for none
     */
    static Optional<String> filter(JsonNode constraints, Optional<TaskDefinition> definition) {
        List<String> expressions = new ArrayList<>();
        constraints.forEach(constraint -> {
            if ("memberOf".equals(constraint.path("type").asText()) && constraint.hasNonNull("expression")) {
                expressions.add("(" + constraint.get("expression").asText() + ")");
            }
        });
        definition.map(TaskDefinition::placementConstraints).ifPresent(list -> list.stream()
                .filter(c -> "memberOf".equals(c.type()) && c.expression() != null)
                .forEach(c -> expressions.add("(" + c.expression() + ")")));
        return expressions.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", expressions));
    }

    /**
     * The ACTIVE instances a DAEMON service runs on.
     *
     * @param context the plugin context
     * @param cluster the cluster name
     * @param constraints the service's {@code placementConstraints}
     * @param definition its task definition
     * @return the instances, in ARN order
     */
    static List<ContainerInstance> eligible(PluginContext context, String cluster, JsonNode constraints,
                                            Optional<TaskDefinition> definition) {
        return context.containerInstances().list(cluster, filter(constraints, definition), Optional.of("ACTIVE"));
    }

    /**
     * Whether a daemon task on an instance it no longer belongs on waits: the instance is DRAINING and tasks of
     * no daemon still run there (ECS stops daemon tasks last when an instance drains).
     *
     * @param context the plugin context
     * @param cluster the cluster name
     * @param task the daemon task
     * @param daemonTask whether a task is a daemon's (it does not hold the daemon task back)
     * @return whether to leave it running for now
     */
    static boolean waitsForOthers(PluginContext context, String cluster, Task task, Predicate<Task> daemonTask) {
        String instance = task.containerInstanceArn();
        if (instance == null || !context.containerInstances().find(cluster, instance)
                .map(found -> "DRAINING".equals(found.status())).orElse(false)) {
            return false;
        }
        // only the tasks not STOPPED are walked, never the stopped ones retained
        return context.tasks().holdingResources(cluster).stream().anyMatch(other ->
                instance.equals(other.containerInstanceArn()) && !"STOPPED".equals(other.lastStatus())
                        && !daemonTask.test(other));
    }

    /**
     * The eligible instances where a new task of a DAEMON service may start: no task of the service is there,
     * running, starting or still stopping (one instance never runs two).
     *
     * @param context the plugin context
     * @param service the service
     * @param eligible the ARNs of the instances it runs on
     * @param live the service's tasks whose desired status is RUNNING
     * @return the ARNs, in the order given
     */
    static List<String> free(PluginContext context, StoredService service, Set<String> eligible, List<Task> live) {
        Set<String> taken = new HashSet<>();
        live.forEach(task -> taken.add(task.containerInstanceArn()));
        // the service's tasks still stopping: those not STOPPED of its group (the retained stopped ones not walked)
        String group = "service:" + service.serviceName();
        context.tasks().holdingResources(service.cluster()).stream()
                .filter(task -> group.equals(task.group()) && !"STOPPED".equals(task.lastStatus()))
                .forEach(task -> taken.add(task.containerInstanceArn()));
        return eligible.stream().filter(arn -> !taken.contains(arn)).toList();
    }
}
