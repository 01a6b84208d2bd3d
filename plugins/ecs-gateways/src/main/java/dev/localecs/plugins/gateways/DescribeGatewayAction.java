package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import java.util.Map;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** DescribeGateway: the gateway by name or ARN, with its configuration and tags. */
@Extension
public final class DescribeGatewayAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeGatewayAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway) {
    }

    @Override
    public String name() {
        return "DescribeGateway";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredGateway gateway = GatewayRefs.existing(GatewayStore.of(context), body.gateway());
        return Map.of("gateway", GatewayViews.gateway(context, gateway));
    }
}
