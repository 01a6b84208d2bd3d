package dev.localecs.runtime.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.runtime.state.JsonFileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Tasks on disk, one atomic JSON file each, so history and tracking survive a restart. */
public final class TaskStore {
    private static final Logger LOG = Logger.getLogger(TaskStore.class.getName());
    private static final Path DIR = Path.of("tasks");
    private final JsonFileStore store;

    /**
     * Creates the store.
     *
     * @param store the state store
     */
    public TaskStore(JsonFileStore store) {
        this.store = store;
    }

    void save(PersistedTask task) {
        store.write(DIR.resolve(task.task().taskArn().substring(task.task().taskArn().lastIndexOf('/') + 1) + ".json"),
                task);
    }

    void delete(String taskId) {
        try {
            Files.deleteIfExists(store.root().resolve(DIR).resolve(taskId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<PersistedTask> loadAll() {
        Path dir = store.root().resolve(DIR);
        List<PersistedTask> tasks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return tasks;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}\\.json")).toList()) {
                try {
                    store.read(DIR.resolve(file.getFileName()), new TypeReference<PersistedTask>() { })
                            .ifPresent(tasks::add);
                } catch (RuntimeException e) {
                    LOG.warning("Ignoring unreadable task file " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }
}
