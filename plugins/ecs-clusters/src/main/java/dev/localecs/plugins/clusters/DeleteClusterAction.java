package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Cluster;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeleteCluster: refused while tasks run or services are active or draining; the cluster becomes INACTIVE
 * (still describable, no longer listed) and loses its tags.
 */
@Extension
public final class DeleteClusterAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteClusterAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster) {
    }

    @Override
    public String name() {
        return "DeleteCluster";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Cluster cluster = ClusterNames.active(context, body.cluster());
        String name = cluster.clusterName();
        int active = context.tasks().count(name, "RUNNING") + context.tasks().count(name, "PENDING")
                + context.tasks().count(name, "PROVISIONING");
        if (active > 0) {
            throw new EcsException(ErrorCode.CLUSTER_CONTAINS_TASKS,
                    "The Cluster cannot be deleted while Tasks are active.");
        }
        if (ClusterStatistics.liveServices(context, name) > 0) {
            throw new EcsException(ErrorCode.CLUSTER_CONTAINS_SERVICES,
                    "The Cluster cannot be deleted while Services are active.");
        }
        Cluster inactive = context.clusters().put(ClusterViews.withStatus(cluster, "INACTIVE"));
        context.tags().remove(inactive.clusterArn());
        return Map.of("cluster", ClusterViews.view(context, inactive, List.of("CONFIGURATIONS", "SETTINGS")));
    }
}
