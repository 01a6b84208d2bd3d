package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * CreateExpressGatewayService: registers the express service's task definition and creates an ECS service
 * running {@code scalingTarget.minTaskCount} tasks (1 by default) behind the local front door on the container
 * port (see {@link ExpressGatewayServices}).
 */
@Extension
public final class CreateExpressGatewayServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateExpressGatewayServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String serviceName, @Required String executionRoleArn,
                   @Required String infrastructureRoleArn) {
    }

    @Override
    public String name() {
        return "CreateExpressGatewayService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        JsonNode raw = request.body();
        if (!raw.path("primaryContainer").isObject()) {
            throw EcsException.invalidParameter("primaryContainer is required.");
        }
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ObjectNode configuration = ExpressGatewayServices.configuration(context, raw, Optional.empty());
        String name = body.serviceName() != null ? body.serviceName()
                : ExpressGatewayServices.generatedName(configuration.at("/primaryContainer/image").asText());
        ServiceRefs.validateName(name);
        ServiceStore store = ServiceStore.of(context);
        if (store.find(cluster, name).filter(service -> !"INACTIVE".equals(service.status())).isPresent()) {
            throw EcsException.invalidParameter("Creation of service was not idempotent.");
        }
        TaskDefinition definition = ExpressGatewayServices.register(context, name, configuration);
        ObjectNode create = context.json().createObjectNode();
        create.put("cluster", cluster);
        create.put("serviceName", name);
        create.put("taskDefinition", definition.taskDefinitionArn());
        create.put("launchType", "FARGATE");
        create.putArray("loadBalancers").addObject().put("containerName", ExpressGatewayServices.CONTAINER)
                .put("containerPort", configuration.at("/primaryContainer/containerPort").asInt());
        ExpressGatewayServices.serviceMembers(create, configuration, Optional.empty());
        ServiceRequests.member(raw, "tags").ifPresent(tags -> create.set("tags", tags.deepCopy()));
        ExpressGatewayServices.call(context, new CreateServiceAction(context), request, create);
        String key = cluster + "/" + name;
        double now = context.clock().instant().toEpochMilli() / 1000.0;
        StoredService created = store.locked(key, () -> {
            StoredService service = store.find(cluster, name).orElseThrow();
            ObjectNode members = service.members().deepCopy();
            members.set(ExpressGatewayServices.MEMBER, ExpressGatewayServices.member(context,
                    body.infrastructureRoleArn(), configuration, now));
            return store.put(service.withMembers(members));
        });
        return ExpressGatewayServices.answer("service", ExpressGatewayServices.view(context, created, true));
    }
}
