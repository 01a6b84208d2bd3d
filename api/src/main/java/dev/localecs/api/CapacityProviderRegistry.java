package dev.localecs.api;

import dev.localecs.api.model.CapacityProvider;
import java.util.List;
import java.util.Optional;

/**
 * Capacity providers, stored durably: the built-in {@code FARGATE} and {@code FARGATE_SPOT} and those made
 * with CreateCapacityProvider. A runtime service, because clusters (PutClusterCapacityProviders), RunTask and
 * the capacity-provider actions all need them.
 */
public interface CapacityProviderRegistry {

    /** The providers every account has. */
    List<String> BUILT_IN = List.of("FARGATE", "FARGATE_SPOT");

    /**
     * A provider by name, whatever its status; the built-in ones are always ACTIVE.
     *
     * @param name the provider name
     * @return the provider
     */
    Optional<CapacityProvider> find(String name);

    /**
     * Stores a provider, creating or replacing it (built-in names are refused by the actions, not here).
     *
     * @param provider the provider; its name is the key
     * @return the stored provider
     */
    CapacityProvider put(CapacityProvider provider);

    /**
     * Every provider, the built-in ones first, then the stored ones by name.
     *
     * @return the providers
     */
    List<CapacityProvider> list();

    /**
     * Whether a name is an ACTIVE provider (built in or created).
     *
     * @param name the provider name
     * @return whether it can be associated with a cluster
     */
    default boolean isActive(String name) {
        return find(name).filter(p -> "ACTIVE".equals(p.status())).isPresent();
    }
}
