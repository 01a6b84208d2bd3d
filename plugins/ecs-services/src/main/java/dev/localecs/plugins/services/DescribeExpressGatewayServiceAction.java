package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.List;
import org.pf4j.Extension;

/** DescribeExpressGatewayService: an express service by ARN, its tags on {@code include: [TAGS]}. */
@Extension
public final class DescribeExpressGatewayServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeExpressGatewayServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String serviceArn, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeExpressGatewayService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String item : include) {
            if (!item.equals("TAGS")) {
                throw EcsException.invalidParameter("Invalid include '" + item + "'. Valid values: TAGS.");
            }
        }
        StoredService service = ExpressGatewayServices.find(context, body.serviceArn(),
                ErrorCode.RESOURCE_NOT_FOUND);
        return ExpressGatewayServices.answer("service", ExpressGatewayServices.view(context, service,
                include.contains("TAGS")));
    }
}
