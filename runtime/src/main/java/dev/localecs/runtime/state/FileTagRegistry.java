package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tags by resource ARN, in memory and in {@code state.dir/tags.json}, with ECS's tag rules.
 */
public final class FileTagRegistry implements TagRegistry {
    static final int MAX_TAGS = 50;
    private static final Path FILE = Path.of("tags.json");
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

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
    public void validate(Collection<Tag> candidate) {
        if (candidate.size() > MAX_TAGS) {
            throw EcsException.invalidParameter("A resource can have at most " + MAX_TAGS + " tags.");
        }
        for (Tag tag : candidate) {
            if (tag == null || tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw EcsException.invalidParameter("Tag keys must be between 1 and 128 characters.");
            }
            String value = tag.value() == null ? "" : tag.value();
            if (value.length() > 256) {
                throw EcsException.invalidParameter("Tag values can be at most 256 characters (key '" + tag.key()
                        + "').");
            }
            if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw EcsException.invalidParameter("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (!ALLOWED.matcher(tag.key()).matches() || !ALLOWED.matcher(value).matches()) {
                throw EcsException.invalidParameter("Tag '" + tag.key() + "' has characters other than letters, "
                        + "numbers, spaces and _ . : / = + - @.");
            }
        }
    }

    @Override
    public synchronized void tag(String arn, Collection<Tag> added) {
        validate(added);
        Map<String, Tag> byKey = new LinkedHashMap<>();
        tags.getOrDefault(arn, List.of()).forEach(tag -> byKey.put(tag.key(), tag));
        added.forEach(tag -> byKey.put(tag.key(), new Tag(tag.key(), tag.value() == null ? "" : tag.value())));
        validate(byKey.values());
        save(arn, new ArrayList<>(byKey.values()));
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
