package dev.localecs.plugins.instances;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Task;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;

/**
 * The {@code container-instance-events} worker: follows the task state events and, when a task placed on the
 * container instance (one that reports a {@code containerInstanceArn}) starts running or stops, publishes
 * the instance's new state ({@link InstanceStateEvents}) — its remaining resources changed.
 */
@Extension
public final class InstanceEventsWorker implements BackgroundWorker {
    private final PluginContext context;
    private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
    private volatile TaskSubscription subscription;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public InstanceEventsWorker(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "container-instance-events";
    }

    @Override
    public void start() {
        subscription = context.tasks().subscribe(this::onTaskChange);
    }

    /** A task changed: its instance's resources changed when it started running or stopped. */
    void onTaskChange(Task task) {
        if (task.containerInstanceArn() == null) {
            return;
        }
        String before = lastStatus.put(task.taskArn(), task.lastStatus());
        boolean changed = !task.lastStatus().equals(before)
                && ("RUNNING".equals(task.lastStatus()) || "STOPPED".equals(task.lastStatus()));
        if ("STOPPED".equals(task.lastStatus())) {
            lastStatus.remove(task.taskArn());
        }
        if (!changed) {
            return;
        }
        String cluster = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
        context.containerInstances().find(cluster, task.containerInstanceArn())
                .ifPresent(instance -> InstanceStateEvents.publish(context, cluster, instance));
    }

    @Override
    public void stop() {
        TaskSubscription running = subscription;
        if (running != null) {
            running.close();
        }
    }
}
