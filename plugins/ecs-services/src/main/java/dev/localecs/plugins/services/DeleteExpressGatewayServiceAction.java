package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import org.pf4j.Extension;

/**
 * DeleteExpressGatewayService: deletes the express service's ECS service (forced: it becomes DRAINING, its tasks
 * stop, then INACTIVE) and answers it DRAINING.
 */
@Extension
public final class DeleteExpressGatewayServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteExpressGatewayServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String serviceArn) {
    }

    @Override
    public String name() {
        return "DeleteExpressGatewayService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredService service = ExpressGatewayServices.find(context, body.serviceArn(), ErrorCode.SERVICE_NOT_FOUND);
        if (!"ACTIVE".equals(service.status())) {
            throw new EcsException(ErrorCode.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
        }
        ObjectNode delete = context.json().createObjectNode();
        delete.put("cluster", service.cluster());
        delete.put("service", service.serviceName());
        delete.put("force", true);
        String status = ExpressGatewayServices.call(context, new DeleteServiceAction(context), request, delete)
                .at("/service/status").asText();
        StoredService deleted = ServiceStore.of(context).find(service.cluster(), service.serviceName())
                .orElseThrow();
        // the status DeleteService answered (DRAINING): the scheduler may already have made it INACTIVE since
        return ExpressGatewayServices.answer("service", ExpressGatewayServices.view(context,
                deleted.withStatus(status, deleted.desiredCount()), false));
    }
}
