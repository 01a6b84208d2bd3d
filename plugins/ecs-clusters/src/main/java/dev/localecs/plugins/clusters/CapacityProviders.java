package dev.localecs.plugins.clusters;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's capacity providers and default strategy. The Fargate providers exist in every account; no
 * other capacity provider exists here (CreateCapacityProvider is not served), so any other name is refused
 * as ECS refuses a provider it does not know.
 */
final class CapacityProviders {
    private static final int MAX_STRATEGY = 20;

    private CapacityProviders() {
    }

    static List<String> validProviders(PluginContext context, List<String> providers) {
        List<String> given = providers == null ? List.of() : providers;
        for (String provider : given) {
            if (!context.capacityProviders().isActive(provider)) {
                throw EcsException.invalidParameter("The specified capacity provider was not found. "
                        + "Specify a valid capacity provider and try again.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    /** The strategy as ECS stores it: {@code base} and {@code weight} filled with their default 0. */
    static List<CapacityProviderStrategyItem> validStrategy(List<CapacityProviderStrategyItem> strategy,
                                                            List<String> providers) {
        List<CapacityProviderStrategyItem> given = strategy == null ? List.of() : strategy;
        if (given.size() > MAX_STRATEGY) {
            throw EcsException.invalidParameter("A capacity provider strategy can contain at most " + MAX_STRATEGY
                    + " capacity providers.");
        }
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        for (CapacityProviderStrategyItem item : given) {
            if (item.capacityProvider() == null || item.capacityProvider().isEmpty()) {
                throw EcsException.invalidParameter("capacityProvider is required");
            }
            if (!providers.contains(item.capacityProvider())) {
                throw EcsException.invalidParameter("The specified capacity provider strategy cannot contain a "
                        + "capacity provider that is not associated with the cluster. Associate the capacity provider "
                        + "with the cluster or specify a valid capacity provider and try again.");
            }
            if (!seen.add(item.capacityProvider())) {
                throw EcsException.invalidParameter("Capacity provider " + item.capacityProvider()
                        + " appears more than once in the capacity provider strategy.");
            }
            if (item.weight() != null && (item.weight() < 0 || item.weight() > 1000)) {
                throw EcsException.invalidParameter("weight must be between 0 and 1000.");
            }
            if (item.base() != null && (item.base() < 0 || item.base() > 100000)) {
                throw EcsException.invalidParameter("base must be between 0 and 100000.");
            }
            if (item.base() != null && item.base() > 0) {
                withBase++;
            }
        }
        if (withBase > 1) {
            throw EcsException.invalidParameter(
                    "Only one capacity provider in a capacity provider strategy can have a base defined.");
        }
        return given.stream().map(item -> new CapacityProviderStrategyItem(item.capacityProvider(),
                item.weight() == null ? 0 : item.weight(), item.base() == null ? 0 : item.base())).toList();
    }

    /**
     * Refuses to take a provider off a cluster while tasks placed through it are not stopped, as ECS refuses.
     */
    static void checkRemovable(PluginContext context, String cluster, List<String> before, List<String> after) {
        for (String provider : before == null ? List.<String>of() : before) {
            if (after.contains(provider)) {
                continue;
            }
            boolean used = context.tasks().holdingResources(cluster).stream()
                    .anyMatch(t -> provider.equals(t.capacityProviderName()) && !"STOPPED".equals(t.lastStatus()));
            if (used) {
                throw new EcsException(ErrorCode.RESOURCE_IN_USE,
                        "The specified capacity provider is in use and cannot be removed.");
            }
        }
    }
}
