package dev.localecs.testing;

import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Task-definition revisions in memory, numbered as the runtime numbers them (one more than the highest ever
 * used in the family) and resolved as ECS resolves references (the latest ACTIVE revision for a family).
 */
public final class InMemoryTaskDefinitions implements TaskDefinitionRegistry {
    private final Map<String, TreeMap<Integer, TaskDefinition>> families = new TreeMap<>();
    private final Map<String, Integer> highest = new TreeMap<>();

    InMemoryTaskDefinitions() {
    }

    @Override
    public synchronized TaskDefinition register(String family, IntFunction<TaskDefinition> factory) {
        int revision = highest.getOrDefault(family, 0) + 1;
        TaskDefinition definition = factory.apply(revision);
        highest.put(family, revision);
        families.computeIfAbsent(family, f -> new TreeMap<>()).put(revision, definition);
        return definition;
    }

    @Override
    public synchronized TaskDefinition update(TaskDefinition definition) {
        TreeMap<Integer, TaskDefinition> revisions = families.get(definition.family());
        if (revisions == null || !revisions.containsKey(definition.revision())) {
            throw new IllegalArgumentException("No revision " + definition.family() + ":" + definition.revision());
        }
        revisions.put(definition.revision(), definition);
        return definition;
    }

    @Override
    public synchronized Optional<TaskDefinition> find(String family, int revision) {
        return Optional.ofNullable(families.getOrDefault(family, new TreeMap<>()).get(revision));
    }

    @Override
    public synchronized List<TaskDefinition> revisions(String family) {
        return new ArrayList<>(families.getOrDefault(family, new TreeMap<>()).values());
    }

    @Override
    public synchronized List<String> families() {
        return families.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized Optional<TaskDefinition> resolve(String reference) {
        return TaskDefinitionRef.parse(reference).flatMap(ref -> ref.revision().isPresent()
                ? find(ref.family(), ref.revision().getAsInt())
                : revisions(ref.family()).reversed().stream().filter(d -> "ACTIVE".equals(d.status())).findFirst());
    }
}
