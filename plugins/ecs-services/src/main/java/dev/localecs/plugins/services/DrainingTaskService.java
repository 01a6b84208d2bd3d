package dev.localecs.plugins.services;

import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.model.Task;
import dev.localecs.plugins.services.network.ServiceNetworking;
import java.util.List;
import java.util.Optional;

/**
 * The task service as the scheduler uses it: a task it stops leaves every Service Connect balancer, front door,
 * Cloud Map service and target group first, so no new connection reaches a task that is getting its stop signal.
 */
final class DrainingTaskService implements TaskService {
    private final TaskService tasks;
    private final ServiceNetworking networking;

    DrainingTaskService(TaskService tasks, ServiceNetworking networking) {
        this.tasks = tasks;
        this.networking = networking;
    }

    @Override
    public Optional<Task> stopForScheduler(String cluster, String taskId, String reason) {
        networking.drain(cluster, taskId);
        return tasks.stopForScheduler(cluster, taskId, reason);
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        networking.drain(cluster, taskId);
        return tasks.stop(cluster, taskId, reason);
    }

    @Override
    public Task run(RunTaskSpec spec) {
        return tasks.run(spec);
    }

    @Override
    public Optional<Task> find(String cluster, String taskId) {
        return tasks.find(cluster, taskId);
    }

    @Override
    public List<Task> list(TaskFilter filter) {
        return tasks.list(filter);
    }

    @Override
    public int count(String cluster, String lastStatus) {
        return tasks.count(cluster, lastStatus);
    }

    @Override
    public Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command) {
        return tasks.exec(cluster, taskId, container, command);
    }

    @Override
    public TaskSubscription subscribe(TaskListener listener) {
        return tasks.subscribe(listener);
    }

    @Override
    public Optional<TaskUsage> usage(String cluster, String taskId) {
        return tasks.usage(cluster, taskId);
    }
}
