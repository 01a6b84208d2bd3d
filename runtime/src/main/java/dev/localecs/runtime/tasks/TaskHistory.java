package dev.localecs.runtime.tasks;

import dev.localecs.runtime.state.WriteAheadLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every task the runtime knows — running, and stopped within the retention period — in memory (by id and by
 * credential/metadata id) and on disk: a change a call acknowledges (RunTask, StopTask) goes to a write-ahead log
 * before the answer (group commit); every change is written to the task's file off the launch and event paths
 * (a burst once) and the log compacted into the files; stopped tasks leave after the retention period, and saved
 * tasks are adopted at a restart.
 */
final class TaskHistory implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskHistory.class.getName());
    private static final Duration COMPACTION_DELAY = Duration.ofMillis(500);

    private final TaskStore store;
    private final Clock clock;
    private final TaskSettings settings;
    private final TaskEvents events;
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    /** The same tasks per cluster and desired status (and those not STOPPED), newest first, for ListTasks. */
    private final TaskIndex index = new TaskIndex();
    /** Credential/metadata id → task id: every endpoint request looks its task up here. */
    private final Map<String, String> endpointIds = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("task-store").daemon().factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("task-retention").daemon().factory());

    TaskHistory(TaskStore store, Clock clock, TaskSettings settings, TaskEvents events) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Starts the retention sweep.
     *
     * @param expired called for each task leaving the history (its containers may go with it)
     */
    void startSweep(Consumer<TaskRecord> expired) {
        long every = Math.max(1, Math.min(30, settings.stoppedRetention().toSeconds() / 2));
        sweeper.scheduleWithFixedDelay(() -> sweep(expired), every, every, TimeUnit.SECONDS);
    }

    /** Opens the write-ahead log (compacting what the start replayed from it). */
    void openLog() {
        store.openJournal();
    }

    /**
     * A new task: known from now on, durable in the write-ahead log before the call that made it answers
     * (RunTasks arriving together share one flush), announced to listeners, and written to its file soon.
     *
     * @throws RuntimeException when the log cannot be written: the task is then forgotten, nothing was answered
     */
    void add(TaskRecord record) {
        record.events = events;
        // known before it is logged, so that a compaction of the log never finds it missing and drops it
        tasks.put(record.taskId, record);
        endpointIds.put(record.endpointId, record.taskId);
        try {
            store.log(record.persisted());
        } catch (RuntimeException e) {
            tasks.remove(record.taskId);
            endpointIds.remove(record.endpointId);
            throw e;
        }
        index.add(record);
        record.announce();
        save(record);
        compactSoon();
    }

    /** A change a call acknowledges (StopTask): durable in the write-ahead log before the call answers. */
    void logged(TaskRecord record) {
        store.log(record.persisted());
        compactSoon();
    }

    /** A task saved before a restart, known again. */
    TaskRecord adopt(PersistedTask saved) {
        TaskRecord record = TaskRecord.restore(saved, this::save);
        record.events = events;
        tasks.put(record.taskId, record);
        endpointIds.put(record.endpointId, record.taskId);
        index.add(record);
        return record;
    }

    Optional<TaskRecord> get(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    Optional<TaskRecord> byEndpointId(String endpointId) {
        return Optional.ofNullable(endpointIds.get(endpointId)).map(tasks::get);
    }

    Collection<TaskRecord> all() {
        return tasks.values();
    }

    /**
     * A cluster's tasks of one desired status, newest first (live: check each task's desired status).
     *
     * @param cluster the cluster name
     * @param stopped desired status STOPPED, else RUNNING
     * @return the tasks
     */
    Iterable<TaskRecord> inCluster(String cluster, boolean stopped) {
        return index.of(cluster, stopped);
    }

    /**
     * A cluster's tasks whose last status is not STOPPED (they hold resources), whatever their desired status,
     * newest first (live: check each task's last status).
     *
     * @param cluster the cluster name
     * @return the tasks
     */
    Iterable<TaskRecord> holdingResources(String cluster) {
        return index.holding(cluster);
    }

    /** Writes a record off the launch and event paths (a burst of changes once); follows it in the index. */
    void save(TaskRecord record) {
        index.changed(record);
        if (dirty.add(record.taskId)) {
            try {
                writer.execute(() -> {
                    dirty.remove(record.taskId);
                    // a task swept meanwhile stays deleted: a change racing with the sweep (an engine event of its
                    // removed containers) must not write its file again after the sweep's delete
                    if (tasks.get(record.taskId) == record) {
                        write(record);
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing: close() writes every changed task once the writer has stopped
            }
        }
    }

    /** On the writer: the record's file, unless it is up to date; false when it cannot be written. */
    private boolean write(TaskRecord record) {
        PersistedTask snapshot;
        long previous;
        synchronized (record) {
            if (record.version <= record.savedVersion) {
                return true;
            }
            previous = record.savedVersion;
            record.savedVersion = record.version;
            snapshot = record.persisted();
        }
        try {
            store.save(snapshot);
            return true;
        } catch (RuntimeException e) {
            synchronized (record) {
                record.savedVersion = Math.min(record.savedVersion, previous);
            }
            LOG.log(Level.WARNING, "Cannot save task " + record.taskId, e);
            return false;
        }
    }

    /**
     * Queues one compaction of the write-ahead log on the writer, shortly: a burst of calls shares one
     * segment, and the rotation stays off the calls' path.
     */
    private void compactSoon() {
        if (compactionQueued.compareAndSet(false, true)) {
            try {
                writer.schedule(this::compact, COMPACTION_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                compactionQueued.set(false); // shutting down: the log is replayed at the next start
            }
        }
    }

    /** On the writer: closes the log segment, writes every task in it to its file, then drops the segment. */
    private void compact() {
        compactionQueued.set(false);
        try {
            Optional<WriteAheadLog.Segment> rotated = store.rotate();
            if (rotated.isEmpty()) {
                return;
            }
            WriteAheadLog.Segment segment = rotated.get();
            boolean written = true;
            for (String taskId : segment.keys()) {
                TaskRecord record = tasks.get(taskId);
                // a task swept meanwhile has its file deleted: dropping the segment forgets it for good
                written &= record == null || write(record);
            }
            if (written) {
                store.release(segment);
            } else {
                LOG.warning("Keeping task log " + segment.file() + ": some tasks could not be written; it is "
                        + "replayed at the next start");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot compact the task log", e);
        }
    }

    private void sweep(Consumer<TaskRecord> expired) {
        Instant cutoff = clock.instant().minus(settings.stoppedRetention());
        for (TaskRecord record : List.copyOf(tasks.values())) {
            Instant stoppedAt;
            synchronized (record) {
                stoppedAt = record.isStopped() ? record.stoppedAt : null;
            }
            if (stoppedAt != null && stoppedAt.isBefore(cutoff)) {
                expired.accept(record);
                tasks.remove(record.taskId);
                endpointIds.remove(record.endpointId);
                index.remove(record);
                writer.execute(() -> store.delete(record.taskId));
            }
        }
    }

    @Override
    public void close() {
        // no new sweep; one under way ends first, so the file deletes it queues reach the writer before it stops
        sweeper.shutdown();
        try {
            if (!sweeper.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("The retention sweep was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.execute(this::compact);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Task states still being written at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a change made before now whose save came too late for the writer (its listener ran after the shutdown
        // above) is written here: the last state a caller saw is the state the next start finds
        for (TaskRecord record : tasks.values()) {
            write(record);
        }
        store.close();
    }
}
