package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Task definitions in memory, one JSON file per family under {@code state.dir/task-definitions/} (family
 * names are {@code [a-zA-Z0-9_-]}, so they are safe file names). Revisions keep counting across deletions.
 * A reference not found here goes to the upstream lookup.
 */
public final class FileTaskDefinitionRegistry implements TaskDefinitionRegistry {
    private static final Path DIR = Path.of("task-definitions");

    /** The stored form of one family. */
    record Family(int lastRevision, List<TaskDefinition> revisions) {
    }

    private final JsonFileStore store;
    private final Function<String, Optional<TaskDefinition>> upstream;
    private final Map<String, Family> families = new TreeMap<>();

    /**
     * Loads every stored family.
     *
     * @param store the state store
     * @param upstream looks a reference up upstream; returns empty when there is no upstream or it lacks it
     */
    public FileTaskDefinitionRegistry(JsonFileStore store, Function<String, Optional<TaskDefinition>> upstream) {
        this.store = requireNonNull(store, "store is null");
        this.upstream = requireNonNull(upstream, "upstream is null");
        Path dir = store.root().resolve(DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                        .forEach(name -> {
                            String family = name.substring(0, name.length() - ".json".length());
                            store.read(DIR.resolve(name), new TypeReference<Family>() { })
                                    .ifPresent(stored -> families.put(family, stored));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + dir, e);
            }
        }
    }

    @Override
    public synchronized TaskDefinition register(String family, IntFunction<TaskDefinition> factory) {
        if (!TaskDefinitionRef.NAME.matcher(family).matches()) {
            throw new IllegalArgumentException("Invalid family " + family);
        }
        Family current = families.getOrDefault(family, new Family(0, List.of()));
        int revision = current.lastRevision() + 1;
        TaskDefinition definition = factory.apply(revision);
        List<TaskDefinition> revisions = new ArrayList<>(current.revisions());
        revisions.add(definition);
        save(family, new Family(revision, revisions));
        return definition;
    }

    @Override
    public synchronized TaskDefinition update(TaskDefinition definition) {
        Family current = families.get(definition.family());
        if (current == null) {
            throw new IllegalArgumentException("Unknown family " + definition.family());
        }
        List<TaskDefinition> revisions = new ArrayList<>(current.revisions());
        revisions.replaceAll(existing -> existing.revision().equals(definition.revision()) ? definition : existing);
        save(definition.family(), new Family(current.lastRevision(), revisions));
        return definition;
    }

    private void save(String family, Family value) {
        store.write(DIR.resolve(family + ".json"), value);
        families.put(family, value);
    }

    @Override
    public synchronized Optional<TaskDefinition> find(String family, int revision) {
        return revisions(family).stream().filter(d -> d.revision() == revision).findFirst();
    }

    @Override
    public synchronized List<TaskDefinition> revisions(String family) {
        Family stored = families.get(family);
        return stored == null ? List.of() : stored.revisions().stream()
                .sorted(Comparator.comparing(TaskDefinition::revision)).toList();
    }

    @Override
    public synchronized List<String> families() {
        return List.copyOf(families.keySet());
    }

    @Override
    public Optional<TaskDefinition> resolve(String reference) {
        Optional<TaskDefinitionRef> ref = TaskDefinitionRef.parse(reference);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<TaskDefinition> local;
        synchronized (this) {
            local = ref.get().revision().isPresent()
                    ? find(ref.get().family(), ref.get().revision().getAsInt())
                    : revisions(ref.get().family()).stream()
                            .filter(d -> "ACTIVE".equals(d.status()))
                            .reduce((first, second) -> second);
        }
        return local.isPresent() ? local : upstream.apply(reference);
    }
}
