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

/** ListGateways: every gateway, oldest first, filtered by {@code names} and {@code status}, 100 per page. */
@Extension
public final class ListGatewaysAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListGatewaysAction(PluginContext context) {
        this.context = context;
    }

    record Request(List<String> names, List<String> status, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListGateways";
    }

    private static final List<String> STATUSES = List.of("ACTIVE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE",
            "UPDATE_FAILED", "DELETED");

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> names = body.names() == null ? List.of() : body.names();
        List<String> statuses = body.status() == null ? List.of() : body.status();
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: "
                        + String.join(", ", STATUSES) + ".");
            }
        }
        List<StoredGateway> matching = GatewayStore.of(context).all().stream()
                .filter(g -> names.isEmpty() || names.contains(g.name()) || names.contains(g.gatewayArn()))
                .filter(g -> statuses.isEmpty() || statuses.contains(g.status()))
                .toList();
        Page<StoredGateway> page = Page.of(matching, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gateways", page.items().stream().map(g -> GatewayViews.summary(context, g)).toList());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
