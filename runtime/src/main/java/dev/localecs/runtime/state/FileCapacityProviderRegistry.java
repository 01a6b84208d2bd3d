package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.EcsArns;
import dev.localecs.api.model.CapacityProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Capacity providers in {@code state.dir/capacity-providers.json}; FARGATE and FARGATE_SPOT are never stored. */
public final class FileCapacityProviderRegistry implements CapacityProviderRegistry {
    private static final Path FILE = Path.of("capacity-providers.json");

    private final JsonFileStore store;
    private final EcsArns arns;
    private final Map<String, CapacityProvider> providers;

    /**
     * Reads the stored providers.
     *
     * @param store the state store
     * @param arns the ARN builder
     */
    public FileCapacityProviderRegistry(JsonFileStore store, EcsArns arns) {
        this.store = requireNonNull(store, "store is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.providers = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, CapacityProvider>>() { })
                .orElse(Map.of()));
    }

    @Override
    public synchronized Optional<CapacityProvider> find(String name) {
        if (BUILT_IN.contains(name)) {
            return Optional.of(builtIn(name));
        }
        return Optional.ofNullable(providers.get(name));
    }

    @Override
    public synchronized CapacityProvider put(CapacityProvider provider) {
        providers.put(provider.name(), provider);
        store.write(FILE, providers);
        return provider;
    }

    @Override
    public synchronized List<CapacityProvider> list() {
        List<CapacityProvider> all = new ArrayList<>();
        BUILT_IN.forEach(name -> all.add(builtIn(name)));
        all.addAll(providers.values());
        return all;
    }

    private CapacityProvider builtIn(String name) {
        return new CapacityProvider(arns.capacityProvider(name), name, null, "ACTIVE", null, null, null, null,
                List.of(), "FARGATE".equals(name) ? "FARGATE" : "FARGATE_SPOT");
    }
}
