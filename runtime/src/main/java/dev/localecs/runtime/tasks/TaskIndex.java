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
 */
final class TaskIndex {
    private static final Comparator<TaskRecord> NEWEST_FIRST = Comparator
            .comparing((TaskRecord r) -> r.createdAt).reversed().thenComparing(r -> r.taskId);

    private record Sides(NavigableSet<TaskRecord> running, NavigableSet<TaskRecord> stopped) {
        Sides() {
            this(new ConcurrentSkipListSet<>(NEWEST_FIRST), new ConcurrentSkipListSet<>(NEWEST_FIRST));
        }
    }

    private final Map<String, Sides> clusters = new ConcurrentHashMap<>();

    /** A task became known. */
    void add(TaskRecord record) {
        Sides sides = clusters.computeIfAbsent(record.cluster, c -> new Sides());
        (record.isStoppingOrStopped() ? sides.stopped() : sides.running()).add(record);
        changed(record);
    }

    /** A task changed: moves it to the STOPPED side once its desired status is STOPPED (never back). */
    void changed(TaskRecord record) {
        Sides sides = clusters.get(record.cluster);
        if (sides != null && record.isStoppingOrStopped() && sides.running().contains(record)) {
            sides.stopped().add(record); // first there, then gone here: a reader finds it on one side or both
            sides.running().remove(record);
        }
    }

    /** A task is forgotten. */
    void remove(TaskRecord record) {
        Sides sides = clusters.get(record.cluster);
        if (sides != null) {
            sides.running().remove(record);
            sides.stopped().remove(record);
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
}
