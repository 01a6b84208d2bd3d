package dev.localecs.runtime.tasks;

import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskService;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Optional;

/**
 * The task service handed to plugins before the task manager exists (it needs the plugins' override
 * providers); bound once the runtime has started its engine.
 */
public final class DeferredTaskService implements TaskService {
    private volatile TaskService target;

    /**
     * Binds the real service.
     *
     * @param service the task manager
     */
    public void bind(TaskService service) {
        this.target = service;
    }

    private TaskService target() {
        TaskService service = target;
        if (service == null) {
            throw new EcsException(ErrorCode.SERVER_EXCEPTION, "Tasks are not available: the runtime has no "
                    + "task engine in this mode.");
        }
        return service;
    }

    @Override
    public Task run(RunTaskSpec spec) {
        return target().run(spec);
    }

    @Override
    public Optional<Task> find(String cluster, String taskId) {
        return target().find(cluster, taskId);
    }

    @Override
    public List<Task> list(TaskFilter filter) {
        return target().list(filter);
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        return target().stop(cluster, taskId, reason);
    }

    @Override
    public int count(String cluster, String lastStatus) {
        TaskService service = target;
        return service == null ? 0 : service.count(cluster, lastStatus);
    }

    @Override
    public Optional<dev.localecs.api.ExecResult> exec(String cluster, String taskId, String container,
                                                      List<String> command) {
        return target().exec(cluster, taskId, container, command);
    }
}
