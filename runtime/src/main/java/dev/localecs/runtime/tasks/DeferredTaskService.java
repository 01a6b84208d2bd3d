package dev.localecs.runtime.tasks;

import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task service handed to plugins before the task manager exists (it needs the plugins' override
 * providers); bound once the runtime has started its engine.
 */
public final class DeferredTaskService implements TaskService {
    private volatile TaskService target;
    private final List<Pending> pending = new ArrayList<>();

    /**
     * Binds the real service; subscriptions made before are handed to it.
     *
     * @param service the task manager
     */
    public void bind(TaskService service) {
        synchronized (pending) {
            this.target = service;
            pending.forEach(p -> p.bind(service));
            pending.clear();
        }
    }

    @Override
    public TaskSubscription subscribe(TaskListener listener) {
        synchronized (pending) {
            TaskService service = target;
            if (service != null) {
                return service.subscribe(listener);
            }
            Pending subscription = new Pending(listener);
            pending.add(subscription);
            return subscription;
        }
    }

    /** A subscription made before the task manager exists. */
    private final class Pending implements TaskSubscription {
        private final TaskListener listener;
        private TaskSubscription bound;
        private boolean closed;

        Pending(TaskListener listener) {
            this.listener = listener;
        }

        void bind(TaskService service) {
            if (!closed) {
                bound = service.subscribe(listener);
            }
        }

        @Override
        public void close() {
            synchronized (pending) {
                closed = true;
                pending.remove(this);
                if (bound != null) {
                    bound.close();
                }
            }
        }
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
    public List<Task> list(TaskFilter filter, int from, int limit) {
        return target().list(filter, from, limit);
    }

    @Override
    public List<Task> holdingResources(String cluster) {
        return target().holdingResources(cluster);
    }

    @Override
    public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
        return target().stop(cluster, taskId, reason);
    }

    @Override
    public Optional<Task> stopForScheduler(String cluster, String taskId, String reason) {
        return target().stopForScheduler(cluster, taskId, reason);
    }

    @Override
    public int count(String cluster, String lastStatus) {
        TaskService service = target;
        return service == null ? 0 : service.count(cluster, lastStatus);
    }

    @Override
    public Optional<ExecResult> exec(String cluster, String taskId, String container,
                                                      List<String> command) {
        return target().exec(cluster, taskId, container, command);
    }

    @Override
    public Optional<TaskUsage> usage(String cluster, String taskId) {
        TaskService service = target;
        return service == null ? Optional.empty() : service.usage(cluster, taskId);
    }
}
