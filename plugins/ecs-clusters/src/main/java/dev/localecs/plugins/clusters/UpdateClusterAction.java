package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterConfiguration;
import dev.localecs.api.model.ClusterServiceConnectDefaults;
import dev.localecs.api.model.ClusterSetting;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * UpdateCluster: replaces the settings it names, the configuration and the Service Connect defaults it is
 * given (an empty namespace removes them); what it is not given stays.
 */
@Extension
public final class UpdateClusterAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateClusterAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, List<ClusterSetting> settings, ClusterConfiguration configuration,
                   ClusterServiceConnectDefaults serviceConnectDefaults) {
    }

    @Override
    public String name() {
        return "UpdateCluster";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        ClusterSettings.validate(body.settings());
        ClusterNames.validateServiceConnectDefaults(body.serviceConnectDefaults());
        Cluster cluster = ClusterNames.active(context, body.cluster());
        Cluster updated = context.clusters().put(ClusterViews.updated(cluster, body.settings(), body.configuration(),
                body.serviceConnectDefaults()));
        return Map.of("cluster", ClusterViews.view(context, updated, ClusterViews.MUTATION));
    }
}
