package dev.localecs.runtime.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every task the runtime knows — running, and stopped within the retention period — in memory (by id and by
 * credential/metadata id) and on disk: changes are written off the launch and event paths (a burst of changes
 * once), stopped tasks leave after the retention period, and saved tasks are adopted at a restart.
 */
final class TaskHistory implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskHistory.class.getName());

    private final TaskStore store;
    private final Clock clock;
    private final TaskSettings settings;
    private final TaskEvents events;
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    /** Credential/metadata id → task id: every endpoint request looks its task up here. */
    private final Map<String, String> endpointIds = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
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

    /** A new task: known from now on, written, and announced to listeners. */
    void add(TaskRecord record) {
        record.events = events;
        tasks.put(record.taskId, record);
        endpointIds.put(record.endpointId, record.taskId);
        record.announce();
        save(record);
    }

    /** A task saved before a restart, known again. */
    TaskRecord adopt(PersistedTask saved) {
        TaskRecord record = TaskRecord.restore(saved, this::save);
        record.events = events;
        tasks.put(record.taskId, record);
        endpointIds.put(record.endpointId, record.taskId);
        return record;
    }

    /** The tasks saved before the restart. */
    List<PersistedTask> saved() {
        return store.loadAll();
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

    /** Writes a record off the launch and event paths; a burst of changes is written once. */
    void save(TaskRecord record) {
        if (dirty.add(record.taskId)) {
            writer.execute(() -> {
                dirty.remove(record.taskId);
                PersistedTask snapshot;
                synchronized (record) {
                    if (record.version <= record.savedVersion) {
                        return;
                    }
                    record.savedVersion = record.version;
                    snapshot = record.persisted();
                }
                try {
                    store.save(snapshot);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Cannot save task " + record.taskId, e);
                }
            });
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
                writer.execute(() -> store.delete(record.taskId));
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Task states still being written at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
