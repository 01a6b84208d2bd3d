package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** DescribeGatewayRoute: no route exists locally (see ListGatewayRoutes), so every ARN is answered with {@code ResourceNotFoundException}; a malformed ARN is an {@code InvalidParameterException}. */
@Extension
public final class DescribeGatewayRouteAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeGatewayRouteAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gatewayRouteArn) {
    }

    @Override
    public String name() {
        return "DescribeGatewayRoute";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (!body.gatewayRouteArn().matches("arn:aws[a-z-]*:ecs:[^:]*:[^:]*:.+")) {
            throw EcsException.invalidParameter("Invalid gateway route ARN '" + body.gatewayRouteArn() + "'. Specify "
                    + "the ARN of a gateway route (arn:aws:ecs:<region>:<account>:…).");
        }
        throw new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified gateway route wasn't found.");
    }
}
