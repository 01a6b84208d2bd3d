package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.LaunchTypes;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListServices: ARNs of a cluster's ACTIVE and DRAINING services, oldest first, filtered by launch type and
 * scheduling strategy, paged (10 by default, at most 100).
 */
@Extension
public final class ListServicesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListServicesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String nextToken, Integer maxResults, String launchType,
                   String schedulingStrategy, String resourceManagementType) {
    }

    @Override
    public String name() {
        return "ListServices";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        if (body.launchType() != null) {
            LaunchTypes.requireKnown(body.launchType());
        }
        if (body.schedulingStrategy() != null && !List.of("REPLICA", "DAEMON").contains(body.schedulingStrategy())) {
            throw EcsException.invalidParameter("Invalid schedulingStrategy '" + body.schedulingStrategy()
                    + "'. Valid values: REPLICA, DAEMON.");
        }
        List<String> arns = ServiceStore.of(context).all().stream()
                .filter(service -> service.cluster().equals(cluster))
                .filter(service -> !"INACTIVE".equals(service.status()))
                .filter(service -> body.launchType() == null || body.launchType().equals(service.launchType()))
                .filter(service -> body.schedulingStrategy() == null
                        || body.schedulingStrategy().equals(service.schedulingStrategy()))
                .filter(service -> body.resourceManagementType() == null
                        || body.resourceManagementType().equals("CUSTOMER"))
                .map(StoredService::serviceArn)
                .toList();
        Page<String> page = Page.of(arns, body.maxResults(), body.nextToken(), 10, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("serviceArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
