package dev.localecs.api;

import dev.localecs.api.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tasks running on the local engine, with the ECS lifecycle. Answers come from memory, kept current by
 * the engine's events; nothing here inspects Docker per call.
 */
public interface TaskService {

    /**
     * Launches a task: answers at once with the PROVISIONING/PENDING task; the launch goes on in the
     * background and is visible through {@link #find(String, String)}. The spec's tags are the task's; those a
     * user may set (all but ECS-managed {@code aws:} ones) are also kept in the tag registry, so
     * ListTagsForResource answers them.
     *
     * @param spec what to launch
     * @return the new task
     */
    Task run(RunTaskSpec spec);

    /**
     * A task by id.
     *
     * @param cluster the cluster name
     * @param taskId the 32-hex-character id
     * @return the task, running or stopped within retention
     */
    Optional<Task> find(String cluster, String taskId);

    /**
     * Tasks matching a filter, newest first.
     *
     * @param filter the filter
     * @return the tasks
     */
    List<Task> list(TaskFilter filter);

    /**
     * One stretch of {@link #list(TaskFilter)}: the matching tasks from the {@code from}-th (0-based), at most
     * {@code limit} of them. Implementations walk only what they answer, so a page costs the same whatever
     * the number of tasks known.
     *
     * @param filter the filter
     * @param from how many matching tasks to skip
     * @param limit the most to answer
     * @return the tasks, newest first
     */
    default List<Task> list(TaskFilter filter, int from, int limit) {
        List<Task> all = list(filter);
        int start = Math.min(from, all.size());
        return all.subList(start, (int) Math.min(all.size(), (long) start + limit));
    }

    /**
     * The tasks of a cluster whose last status is not {@code STOPPED}, whatever their desired status: those
     * still holding resources on the machine (PROVISIONING and PENDING ones, RUNNING ones, and those being
     * stopped), without the stopped tasks kept for the retention period. Placement and the container instance's
     * remaining resources ask only for these. Implementations that keep them apart answer at a cost that does not
     * grow with the stopped tasks retained; this default walks both desired statuses.
     *
     * @param cluster the cluster name
     * @return the tasks, newest first
     */
    default List<Task> holdingResources(String cluster) {
        List<Task> result = new ArrayList<>();
        for (String desired : List.of("RUNNING", "STOPPED")) {
            for (Task task : list(new TaskFilter(cluster, Optional.empty(), Optional.empty(), desired,
                    Optional.empty(), Optional.empty()))) {
                if (!"STOPPED".equals(task.lastStatus())) {
                    result.add(task);
                }
            }
        }
        result.sort(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Task::taskArn));
        return result;
    }

    /**
     * Stops a task: SIGTERM (or the image's stop signal), SIGKILL after each container's stop timeout.
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @param reason the {@code stoppedReason}; empty for "Task stopped by user"
     * @return the task as it is now (desired status STOPPED)
     */
    Optional<Task> stop(String cluster, String taskId, Optional<String> reason);

    /**
     * Stops a task on behalf of a scheduler: as {@link #stop(String, String, Optional)}, with the task's
     * {@code stopCode} set to {@code ServiceSchedulerInitiated} where the implementation supports it.
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @param reason the {@code stoppedReason}
     * @return the task as it is now (desired status STOPPED)
     */
    default Optional<Task> stopForScheduler(String cluster, String taskId, String reason) {
        return stop(cluster, taskId, Optional.of(reason));
    }

    /**
     * How many tasks of a cluster are in each state, for DescribeClusters.
     *
     * @param cluster the cluster name
     * @param lastStatus {@code RUNNING} or {@code PENDING}
     * @return the count
     */
    int count(String cluster, String lastStatus);

    /**
     * Runs a command in a running container of a task (as {@code docker exec}) and waits for it.
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @param container the ECS container name
     * @param command the command and its arguments
     * @return the exit code and output, or empty when the task or container is unknown
     * @throws dev.localecs.api.error.EcsException {@code ClientException} when the container is not running
     */
    Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command);

    /**
     * What a running task's containers use now, measured from the engine's statistics (one sample, as the task
     * metadata endpoint's stats path answers it).
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @return the usage, or empty when the task is unknown, not running, or the engine measures nothing
     */
    default Optional<TaskUsage> usage(String cluster, String taskId) {
        return Optional.empty();
    }

    /**
     * Subscribes to task state changes: from now on, {@code listener} receives a snapshot of every task of
     * every cluster each time its or a container's status, health, exit code or stop reason changes (see
     * {@link TaskListener}). The lifecycle never waits for a listener.
     *
     * @param listener the listener
     * @return the subscription, to close when the listener is done
     */
    TaskSubscription subscribe(TaskListener listener);
}
