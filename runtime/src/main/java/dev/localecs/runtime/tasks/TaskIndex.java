package dev.localecs.runtime.tasks;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The tasks known, per cluster and desired status, newest first (ListTasks' order): ListTasks walks only the
 * tasks it answers (plus those its filters skip) instead of every task known, and never sorts. A task is
 * indexed when it becomes known, moved to the STOPPED side after the change that set its desired status to
 * STOPPED (the history tells the index after every change) and dropped when it is forgotten. Readers check
 * a task's desired status again, so a task between the two sides is never answered twice or wrongly.
 *
 * <p>Beside the two sides, the tasks whose last status is not yet STOPPED — those still holding the machine's
 * resources, whatever their desired status — so that placement and the container instance walk only those,
 * not every stopped task retained. A task leaves that set after the change that made it STOPPED (final: it
 * never comes back); readers check the last status again.
 */
final class TaskIndex {
    private static final Comparator<TaskRecord> NEWEST_FIRST = Comparator
            .comparing((TaskRecord r) -> r.createdAt).reversed().thenComparing(r -> r.taskId);

    private record Sides(NavigableSet<TaskRecord> running, NavigableSet<TaskRecord> stopped,
                         NavigableSet<TaskRecord> holding) {
        Sides() {
            this(new ConcurrentSkipListSet<>(NEWEST_FIRST), new ConcurrentSkipListSet<>(NEWEST_FIRST),
                    new ConcurrentSkipListSet<>(NEWEST_FIRST));
        }
    }

    private final Map<String, Sides> clusters = new ConcurrentHashMap<>();

    /** A task became known (new, or adopted at a restart with the statuses it was saved with). */
    void add(TaskRecord record) {
        Sides sides = clusters.computeIfAbsent(record.cluster, c -> new Sides());
        (record.isStoppingOrStopped() ? sides.stopped() : sides.running()).add(record);
        if (!record.isStopped()) {
            sides.holding().add(record);
        }
        changed(record); // a change racing the lines above is applied again here
    }

    /**
     * A task changed: moves it to the STOPPED side once its desired status is STOPPED, and out of the tasks
     * holding resources once its last status is STOPPED (neither ever goes back).
     */
    void changed(TaskRecord record) {
        Sides sides = clusters.get(record.cluster);
        if (sides == null) {
            return;
        }
        if (record.isStoppingOrStopped() && sides.running().contains(record)) {
            sides.stopped().add(record); // first there, then gone here: a reader finds it on one side or both
            sides.running().remove(record);
        }
        if (record.isStopped()) {
            sides.holding().remove(record);
        }
    }

    /** A task is forgotten. */
    void remove(TaskRecord record) {
        Sides sides = clusters.get(record.cluster);
        if (sides != null) {
            sides.running().remove(record);
            sides.stopped().remove(record);
            sides.holding().remove(record);
        }
    }

    /**
     * The cluster's tasks on one side, newest first (live view; check each task's desired status).
     *
     * @param cluster the cluster name
     * @param stopped the STOPPED side, else the RUNNING side
     * @return the tasks
     */
    Iterable<TaskRecord> of(String cluster, boolean stopped) {
        Sides sides = clusters.get(cluster);
        if (sides == null) {
            return List.of();
        }
        return stopped ? sides.stopped() : sides.running();
    }

    /**
     * The cluster's tasks whose last status is not STOPPED, whatever their desired status, newest first (live
     * view; check each task's last status).
     *
     * @param cluster the cluster name
     * @return the tasks
     */
    Iterable<TaskRecord> holding(String cluster) {
        Sides sides = clusters.get(cluster);
        return sides == null ? List.of() : sides.holding();
    }
}
