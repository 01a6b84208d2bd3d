package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TagRules;
import dev.localecs.api.model.Tag;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tags by resource ARN, in memory and in {@code state.dir/tags.json}, with ECS's tag rules.
 */
public final class FileTagRegistry implements TagRegistry {
    private static final Path FILE = Path.of("tags.json");

    private final JsonFileStore store;
    private final Map<String, List<Tag>> tags;

    /**
     * Loads the stored tags.
     *
     * @param store the state store
     */
    public FileTagRegistry(JsonFileStore store) {
        this.store = requireNonNull(store, "store is null");
        this.tags = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, List<Tag>>>() { }).orElse(Map.of()));
    }

    @Override
    public synchronized List<Tag> tags(String arn) {
        return List.copyOf(tags.getOrDefault(arn, List.of()));
    }

    @Override
    public synchronized void tag(String arn, Collection<Tag> added) {
        save(arn, TagRules.merge(tags.getOrDefault(arn, List.of()), added));
    }

    @Override
    public synchronized void untag(String arn, Collection<String> keys) {
        List<Tag> kept = tags.getOrDefault(arn, List.of()).stream().filter(tag -> !keys.contains(tag.key())).toList();
        save(arn, kept);
    }

    @Override
    public synchronized void remove(String arn) {
        save(arn, List.of());
    }

    private void save(String arn, List<Tag> value) {
        if (value.isEmpty()) {
            if (tags.remove(arn) == null) {
                return;
            }
        } else {
            tags.put(arn, List.copyOf(value));
        }
        store.write(FILE, tags);
    }
}
