package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import dev.localecs.api.model.Cluster;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * PutClusterCapacityProviders: the cluster's capacity providers and default strategy become exactly what is
 * given (both required; empty lists clear them). {@code FARGATE} and {@code FARGATE_SPOT} are valid on every
 * cluster; the strategy may only name providers of the list.
 */
@Extension
public final class PutClusterCapacityProvidersAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutClusterCapacityProvidersAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required List<String> capacityProviders,
                   @Required List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) {
    }

    @Override
    public String name() {
        return "PutClusterCapacityProviders";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Cluster cluster = ClusterNames.active(context, body.cluster());
        List<String> providers = CapacityProviders.validProviders(context, body.capacityProviders());
        List<CapacityProviderStrategyItem> strategy =
                CapacityProviders.validStrategy(body.defaultCapacityProviderStrategy(), providers);
        CapacityProviders.checkRemovable(context, cluster.clusterName(), cluster.capacityProviders(), providers);
        Cluster updated = context.clusters().put(ClusterViews.withCapacityProviders(cluster, providers, strategy));
        return Map.of("cluster", ClusterViews.view(context, updated, ClusterViews.MUTATION));
    }
}
