package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterSetting;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** UpdateClusterSettings: replaces the settings it names ({@code containerInsights}). */
@Extension
public final class UpdateClusterSettingsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateClusterSettingsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required List<ClusterSetting> settings) {
    }

    @Override
    public String name() {
        return "UpdateClusterSettings";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        ClusterSettings.validate(body.settings());
        Cluster cluster = ClusterNames.active(context, body.cluster());
        Cluster updated = context.clusters().put(ClusterViews.updated(cluster, body.settings(), null, null));
        return Map.of("cluster", ClusterViews.view(context, updated, ClusterViews.MUTATION));
    }
}
