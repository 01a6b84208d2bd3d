package dev.localecs.plugins.gateways;

import dev.localecs.api.Page;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** ListGatewayRoutes: routes are made by services that use a gateway, which the emulator does not create, so the answer lists none, after checking the filters as ECS does (the gateway and cluster must exist, status values). */
@Extension
public final class ListGatewayRoutesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListGatewayRoutesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String gateway, String cluster, String service, String serviceContainerPortName,
                   List<String> status, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListGatewayRoutes";
    }

    private static final List<String> STATUSES = List.of("ACTIVE", "CREATE_IN_PROGRESS", "CREATE_FAILED",
            "UPDATE_IN_PROGRESS", "UPDATE_FAILED", "DELETE_IN_PROGRESS", "DELETE_FAILED");

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        for (String status : body.status() == null ? List.<String>of() : body.status()) {
            if (!STATUSES.contains(status)) {
                throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: "
                        + String.join(", ", STATUSES) + ".");
            }
        }
        if (body.gateway() != null) {
            GatewayRefs.existing(GatewayStore.of(context), body.gateway());
        }
        if (body.cluster() != null) {
            GatewayRefs.cluster(context, body.cluster());
        }
        Page<Object> page = Page.of(List.of(), body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gatewayRoutes", page.items());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
