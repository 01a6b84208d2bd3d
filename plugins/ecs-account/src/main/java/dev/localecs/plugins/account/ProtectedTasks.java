package dev.localecs.plugins.account;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.ProtectedTask;
import dev.localecs.api.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Get/UpdateTaskProtection share: each task reference resolved in the cluster; an unknown one is a
 * {@code MISSING} failure, a task that is not running a {@code TASK_NOT_VALID} one.
 */
final class ProtectedTasks {
    private static final int MAX_TASKS = 10;

    private ProtectedTasks() {
    }

    static Map<String, Object> each(PluginContext context, String clusterReference, List<String> references,
                                    Function<Task, ProtectedTask> action) {
        String cluster = context.clusters().active(ClusterRef.parse(clusterReference).name()).clusterName();
        if (references.size() > MAX_TASKS) {
            throw EcsException.invalidParameter("tasks can have at most " + MAX_TASKS + " items.");
        }
        List<ProtectedTask> protectedTasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : references) {
            String id = reference.substring(reference.lastIndexOf('/') + 1);
            Optional<Task> task = context.tasks().find(cluster, id);
            String arn = context.arns().task(cluster, id);
            if (task.isEmpty()) {
                failures.add(new Failure(arn, "MISSING", "The task was not found."));
            } else if ("STOPPED".equals(task.get().lastStatus()) || "STOPPED".equals(task.get().desiredStatus())) {
                failures.add(new Failure(arn, "TASK_NOT_VALID", "The task is stopping or stopped."));
            } else {
                protectedTasks.add(action.apply(task.get()));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("protectedTasks", protectedTasks);
        response.put("failures", failures);
        return response;
    }
}
