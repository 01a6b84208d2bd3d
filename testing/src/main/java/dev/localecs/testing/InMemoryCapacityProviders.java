package dev.localecs.testing;

import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.EcsArns;
import dev.localecs.api.model.CapacityProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Capacity providers in memory, with FARGATE and FARGATE_SPOT built in, as the runtime's registry. */
public final class InMemoryCapacityProviders implements CapacityProviderRegistry {
    private final EcsArns arns;
    private final Map<String, CapacityProvider> providers = new ConcurrentSkipListMap<>();

    InMemoryCapacityProviders(EcsArns arns) {
        this.arns = arns;
    }

    @Override
    public Optional<CapacityProvider> find(String name) {
        if (BUILT_IN.contains(name)) {
            return Optional.of(new CapacityProvider(arns.capacityProvider(name), name, null, "ACTIVE", null, null,
                    null, null, List.of(), name));
        }
        return Optional.ofNullable(providers.get(name));
    }

    @Override
    public CapacityProvider put(CapacityProvider provider) {
        providers.put(provider.name(), provider);
        return provider;
    }

    @Override
    public List<CapacityProvider> list() {
        List<CapacityProvider> all = new ArrayList<>();
        BUILT_IN.forEach(name -> all.add(find(name).orElseThrow()));
        all.addAll(providers.values());
        return all;
    }
}
