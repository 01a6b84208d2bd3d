package dev.localecs.testing;

import dev.localecs.api.TagRegistry;
import dev.localecs.api.TagRules;
import dev.localecs.api.model.Tag;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tags by ARN in memory, with ECS's tag rules (as the runtime's registry). */
public final class InMemoryTags implements TagRegistry {
    private final Map<String, List<Tag>> tags = new ConcurrentHashMap<>();

    @Override
    public List<Tag> tags(String arn) {
        return List.copyOf(tags.getOrDefault(arn, List.of()));
    }

    @Override
    public synchronized void tag(String arn, Collection<Tag> added) {
        tags.put(arn, TagRules.merge(tags.getOrDefault(arn, List.of()), added));
    }

    @Override
    public synchronized void untag(String arn, Collection<String> keys) {
        tags.computeIfPresent(arn, (k, list) -> {
            List<Tag> kept = list.stream().filter(tag -> !keys.contains(tag.key())).toList();
            return kept.isEmpty() ? null : kept;
        });
    }

    @Override
    public void remove(String arn) {
        tags.remove(arn);
    }
}
