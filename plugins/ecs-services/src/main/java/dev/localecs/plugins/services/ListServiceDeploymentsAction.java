package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** ListServiceDeployments: a service's deployments, newest first, filtered by status and creation time. */
@Extension
public final class ListServiceDeploymentsAction implements EcsAction {
    private static final List<String> STATUSES = List.of("PENDING", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED",
            "IN_PROGRESS", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListServiceDeploymentsAction(PluginContext context) {
        this.context = context;
    }

    record CreatedAt(Instant before, Instant after) {
    }

    record Request(@Required String service, String cluster, List<String> status, CreatedAt createdAt,
                   String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListServiceDeployments";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        List<String> statuses = body.status() == null ? List.of() : body.status();
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: "
                        + String.join(", ", STATUSES) + ".");
            }
        }
        StoredService service = ServiceRefs.existing(ServiceStore.of(context), cluster, body.service());
        CreatedAt created = body.createdAt() == null ? new CreatedAt(null, null) : body.createdAt();
        List<Object> deployments = service.history().stream()
                .filter(record -> statuses.isEmpty() || statuses.contains(record.status()))
                .filter(record -> created.before() == null || record.createdAt() < seconds(created.before()))
                .filter(record -> created.after() == null || record.createdAt() > seconds(created.after()))
                .map(record -> (Object) ServiceDeploymentViews.brief(context, service, record))
                .toList();
        Page<Object> page = Page.of(deployments, body.maxResults(), body.nextToken(), 20, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("serviceDeployments", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
