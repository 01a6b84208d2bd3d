package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.Cluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** ListClusters: ARNs of the ACTIVE clusters, the implicit default included, paged. */
@Extension
public final class ListClustersAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListClustersAction(PluginContext context) {
        this.context = context;
    }

    record Request(String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListClusters";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> arns = context.clusters().list().stream()
                .filter(cluster -> "ACTIVE".equals(cluster.status()))
                .map(Cluster::clusterArn)
                .toList();
        Page<String> page = Page.of(arns, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clusterArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
