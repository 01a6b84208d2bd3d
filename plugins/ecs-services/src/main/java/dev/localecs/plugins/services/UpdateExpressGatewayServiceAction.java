package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * UpdateExpressGatewayService: merges the given members over the express configuration, registers the next
 * task-definition revision and updates the service (a rolling deployment; the desired count is kept within the
 * new {@code scalingTarget}'s bounds); answers the new configuration as {@code targetConfiguration}.
 */
@Extension
public final class UpdateExpressGatewayServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateExpressGatewayServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String serviceArn) {
    }

    @Override
    public String name() {
        return "UpdateExpressGatewayService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredService service = ExpressGatewayServices.find(context, body.serviceArn(), ErrorCode.SERVICE_NOT_FOUND);
        if (!"ACTIVE".equals(service.status())) {
            throw new EcsException(ErrorCode.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
        }
        ObjectNode express = (ObjectNode) service.members().get(ExpressGatewayServices.MEMBER);
        ObjectNode configuration = ExpressGatewayServices.configuration(context, request.body(),
                Optional.of(express.get("configuration")));
        if (configuration.at("/primaryContainer/containerPort").asInt()
                != express.at("/configuration/primaryContainer/containerPort").asInt()) {
            throw EcsException.invalidParameter("primaryContainer.containerPort cannot be changed: the service's "
                    + "front door listens on it.");
        }
        TaskDefinition definition = ExpressGatewayServices.register(context, service.serviceName(), configuration);
        ObjectNode update = context.json().createObjectNode();
        update.put("cluster", service.cluster());
        update.put("service", service.serviceName());
        update.put("taskDefinition", definition.taskDefinitionArn());
        ExpressGatewayServices.serviceMembers(update, configuration, Optional.of(service.desiredCount()));
        ExpressGatewayServices.call(context, new UpdateServiceAction(context), request, update);
        ServiceStore store = ServiceStore.of(context);
        double now = context.clock().instant().toEpochMilli() / 1000.0;
        StoredService updated = store.locked(service.key(), () -> {
            StoredService current = store.find(service.cluster(), service.serviceName()).orElseThrow();
            ObjectNode members = current.members().deepCopy();
            members.set(ExpressGatewayServices.MEMBER, ExpressGatewayServices.member(context,
                    express.path("infrastructureRoleArn").asText(), configuration, now));
            return store.put(current.withMembers(members));
        });
        ObjectNode answer = context.json().createObjectNode();
        answer.put("serviceArn", updated.serviceArn());
        answer.put("cluster", context.arns().cluster(updated.cluster()));
        answer.put("serviceName", updated.serviceName());
        answer.putObject("status").put("statusCode", updated.status());
        answer.set("targetConfiguration", ExpressGatewayServices.configurationView(context, updated));
        answer.put("createdAt", updated.createdAt());
        answer.put("updatedAt", now);
        return ExpressGatewayServices.answer("service", answer);
    }
}
