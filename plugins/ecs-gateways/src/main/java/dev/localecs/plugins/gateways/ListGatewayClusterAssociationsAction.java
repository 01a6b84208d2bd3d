package dev.localecs.plugins.gateways;

import dev.localecs.api.Page;
import dev.localecs.api.error.EcsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** ListGatewayClusterAssociations: associations of a gateway and/or a cluster (each must exist when given), filtered by {@code status} (ACTIVE, DISASSOCIATING, INACTIVE; every status by default), 100 per page. */
@Extension
public final class ListGatewayClusterAssociationsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListGatewayClusterAssociationsAction(PluginContext context) {
        this.context = context;
    }

    record Request(String gateway, String cluster, List<String> status, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListGatewayClusterAssociations";
    }

    private static final List<String> STATUSES = List.of("ACTIVE", "DISASSOCIATING", "INACTIVE");

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> statuses = body.status() == null ? List.of() : body.status();
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: "
                        + String.join(", ", STATUSES) + ".");
            }
        }
        GatewayStore store = GatewayStore.of(context);
        List<StoredGateway> gateways = body.gateway() == null ? store.all()
                : List.of(GatewayRefs.existing(store, body.gateway()));
        String cluster = body.cluster() == null ? null : GatewayRefs.cluster(context, body.cluster());
        List<Map<String, Object>> matching = new ArrayList<>();
        for (StoredGateway gateway : gateways) {
            gateway.associations().stream()
                    .filter(a -> cluster == null || a.cluster().equals(cluster))
                    .filter(a -> statuses.isEmpty() || statuses.contains(a.status()))
                    .forEach(a -> matching.add(GatewayViews.association(context, gateway, a)));
        }
        Page<Map<String, Object>> page = Page.of(matching, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gatewayClusterAssociations", page.items());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
