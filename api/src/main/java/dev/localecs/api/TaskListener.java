package dev.localecs.api;

import dev.localecs.api.model.Task;

/**
 * Receives task state changes from {@link TaskService#subscribe(TaskListener)}: an immutable snapshot of the
 * task (the object DescribeTasks renders) each time the status, health, exit code or stop reason of the task
 * or one of its containers changes. Snapshots of one task arrive in the order the changes happened, on a
 * thread of the listener's own, never on the lifecycle's; an exception thrown here is logged and the next
 * change is still delivered.
 */
@FunctionalInterface
public interface TaskListener {

    /**
     * One change.
     *
     * @param task the task as it is right after the change
     */
    void onTaskChange(Task task);
}
