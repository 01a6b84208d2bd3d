package dev.localecs.plugins.gateways;

import dev.localecs.api.Page;
import dev.localecs.api.Required;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** DescribeGatewayResources: the infrastructure ECS created for the gateway; locally there is no load balancer, so {@code hostSharedAlb} is an empty list. */
@Extension
public final class DescribeGatewayResourcesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeGatewayResourcesAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "DescribeGatewayResources";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredGateway gateway = GatewayRefs.existing(GatewayStore.of(context), body.gateway());
        Page<Object> page = Page.of(List.of(), body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("gatewayArn", gateway.gatewayArn());
        resources.put("resources", Map.of("hostSharedAlb", page.items()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gatewayResources", resources);
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
