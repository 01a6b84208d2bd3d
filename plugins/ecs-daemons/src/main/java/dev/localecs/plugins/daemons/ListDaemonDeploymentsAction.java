package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListDaemonDeployments: a daemon's deployments, newest first, filtered by {@code status} and
 * {@code createdAt {before, after}}, 20 per page by default (at most 100).
 */
@Extension
public final class ListDaemonDeploymentsAction implements EcsAction {
    private static final List<String> STATUSES = List.of("PENDING", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED",
            "IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListDaemonDeploymentsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonArn, List<String> status, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListDaemonDeployments";
    }

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
        JsonNode createdAt = request.body().path("createdAt");
        double before = createdAt.path("before").asDouble(Double.MAX_VALUE);
        double after = createdAt.path("after").asDouble(-Double.MAX_VALUE);
        StoredDaemon daemon = DaemonRefs.existing(DaemonStore.of(context), body.daemonArn());
        List<DaemonDeployment> matching = daemon.deployments().stream()
                .filter(d -> statuses.isEmpty() || statuses.contains(d.status()))
                .filter(d -> d.createdAt() <= before && d.createdAt() >= after)
                .toList();
        Page<DaemonDeployment> page = Page.of(matching, body.maxResults(), body.nextToken(), 20, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonDeployments", page.items().stream()
                .map(d -> DaemonViews.deploymentSummary(context, daemon, d)).toList());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
