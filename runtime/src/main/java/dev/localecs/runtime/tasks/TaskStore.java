package dev.localecs.runtime.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.state.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tasks on disk, so history and tracking survive a restart. Each task has an atomic JSON file written off
 * the request path; what a call acknowledges (a task created or stopped) first goes to a write-ahead log
 * ({@code tasks/journal-<n>.log}) that concurrent calls share one disk flush of. The log is compacted into
 * the task files by the writer and replayed at start: a task file and a log entry of the same task, the
 * higher {@code version} wins.
 */
public final class TaskStore {
    private static final Path DIR = Path.of("tasks");
    private static final String JOURNAL = "journal";
    private static final TypeReference<PersistedTask> TYPE = new TypeReference<>() { };
    private final JsonFileStore store;
    /** The newest replayed entry of each task, in the order first replayed. */
    private final Map<String, PersistedTask> replayed = new LinkedHashMap<>();
    private List<Path> replayedSegments = List.of();
    private WriteAheadLog journal;

    /**
     * Creates the store.
     *
     * @param store the state store
     */
    public TaskStore(JsonFileStore store) {
        this.store = store;
    }

    void save(PersistedTask task) {
        store.write(DIR.resolve(id(task) + ".json"), task);
    }

    void delete(String taskId) {
        try {
            Files.deleteIfExists(dir().resolve(taskId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every stored task: the task files, then the log entries newer than them. Writes nothing: an unreadable
     * file is noted in the state store, which refuses the start; {@link #openJournal()} compacts.
     *
     * @return the tasks
     */
    public List<PersistedTask> load() {
        Map<String, PersistedTask> tasks = new LinkedHashMap<>();
        Path dir = dir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}\\.json"))
                        .sorted().toList()) {
                    store.read(DIR.resolve(file.getFileName()), TYPE).ifPresent(task -> tasks.put(id(task), task));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        replayedSegments = WriteAheadLog.segments(dir, JOURNAL);
        replayed.clear();
        for (Path segment : replayedSegments) {
            List<byte[]> entries = WriteAheadLog.read(segment);
            for (int i = 0; i < entries.size(); i++) {
                Optional<PersistedTask> entry = store.parse(segment + " entry " + (i + 1), entries.get(i), TYPE);
                entry.filter(task -> version(tasks.get(id(task))) < version(task)).ifPresent(task -> {
                    tasks.put(id(task), task);
                    replayed.put(id(task), task);
                });
            }
        }
        return List.copyOf(tasks.values());
    }

    /**
     * Compacts what {@link #load()} replayed into the task files, deletes the old log and opens a new one.
     */
    void openJournal() {
        replayed.values().forEach(this::save);
        Path dir = dir();
        if (!replayedSegments.isEmpty()) {
            WriteAheadLog.syncDirectory(dir);
            for (Path segment : replayedSegments) {
                try {
                    Files.deleteIfExists(segment);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete " + segment, e);
                }
            }
        }
        replayed.clear();
        journal = WriteAheadLog.open(dir, JOURNAL);
    }

    /** Makes a task's state durable before the call that changed it answers (blocks for the shared flush). */
    void log(PersistedTask task) {
        journal.append(id(task), store.serialise(task));
    }

    /** Closes the current log segment to appends, for compaction (empty when nothing was logged since). */
    Optional<WriteAheadLog.Segment> rotate() {
        return journal.rotate();
    }

    /** Deletes a log segment whose tasks have all been written to their files (the folder is synced first). */
    void release(WriteAheadLog.Segment segment) {
        WriteAheadLog.syncDirectory(dir());
        journal.delete(segment);
    }

    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private Path dir() {
        return store.root().resolve(DIR);
    }

    private static String id(PersistedTask task) {
        return task.task().taskArn().substring(task.task().taskArn().lastIndexOf('/') + 1);
    }

    private static long version(PersistedTask task) {
        return task == null || task.task().version() == null ? 0 : task.task().version();
    }
}
