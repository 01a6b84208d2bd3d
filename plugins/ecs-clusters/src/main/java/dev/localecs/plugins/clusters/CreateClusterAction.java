package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterConfiguration;
import dev.localecs.api.model.ClusterServiceConnectDefaults;
import dev.localecs.api.model.ClusterSetting;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * CreateCluster: idempotent for an ACTIVE cluster of the same name; re-activates an INACTIVE one. Settings,
 * configuration, capacity providers and Service Connect defaults are stored as given (the namespace as
 * given: no Cloud Map namespace is created here).
 */
@Extension
public final class CreateClusterAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateClusterAction(PluginContext context) {
        this.context = context;
    }

    record Request(String clusterName, List<Tag> tags, List<ClusterSetting> settings,
                   ClusterConfiguration configuration, List<String> capacityProviders,
                   List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
                   ClusterServiceConnectDefaults serviceConnectDefaults) {
    }

    @Override
    public String name() {
        return "CreateCluster";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String name = ClusterNames.nameOf(body.clusterName());
        ClusterNames.validateName(name);
        ClusterSettings.validate(body.settings());
        ClusterNames.validateServiceConnectDefaults(body.serviceConnectDefaults());
        List<String> providers = CapacityProviders.validProviders(context, body.capacityProviders());
        List<CapacityProviderStrategyItem> strategy =
                CapacityProviders.validStrategy(body.defaultCapacityProviderStrategy(), providers);
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        Cluster existing = context.clusters().find(name).filter(c -> "ACTIVE".equals(c.status())).orElse(null);
        Cluster cluster = existing != null ? existing
                : context.clusters().put(ClusterViews.stored(context, name, body, providers, strategy));
        if (!tags.isEmpty()) {
            context.tags().tag(cluster.clusterArn(), tags);
        }
        return Map.of("cluster", ClusterViews.view(context, cluster, ClusterViews.MUTATION));
    }
}
