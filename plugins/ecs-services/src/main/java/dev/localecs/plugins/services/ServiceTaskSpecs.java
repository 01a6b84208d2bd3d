package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler launches for a deployment: its task definition, launch type, network, the service's
 * {@code startedBy} (the deployment id) and {@code group} ({@code service:<name>}), and the tags ECS gives a
 * service's tasks ({@code propagateTags}, {@code enableECSManagedTags}).
 */
final class ServiceTaskSpecs {

    private ServiceTaskSpecs() {
    }

    /**
     * The spec of one task of a deployment.
     *
     * @param context the runtime's services
     * @param service the service
     * @param deployment the deployment that starts it
     * @return the spec
     * @throws EcsException when the task definition can no longer be resolved
     */
    static RunTaskSpec spec(PluginContext context, StoredService service, ServiceDeployment deployment) {
        TaskDefinition definition = context.taskDefinitions().resolve(deployment.taskDefinition())
                .orElseThrow(EcsException::taskDefinitionNotFound);
        JsonNode members = deployment.members();
        Optional<String> capacityProvider = Optional.ofNullable(members.path("capacityProviderStrategy").path(0)
                .path("capacityProvider").textValue());
        Optional<String> subnet = Optional.ofNullable(members.path("networkConfiguration")
                .path("awsvpcConfiguration").path("subnets").path(0).textValue());
        return new RunTaskSpec(definition, service.cluster(), Optional.empty(), Optional.of(deployment.id()),
                "service:" + service.serviceName(), deployment.launchType(), capacityProvider,
                Optional.ofNullable(members.path("platformVersion").textValue()), subnet,
                service.members().path("enableExecuteCommand").asBoolean(false), tags(context, service, definition));
    }

    /** The tags of the service's tasks, the managed ones first. */
    static List<Tag> tags(PluginContext context, StoredService service, TaskDefinition definition) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        if (service.members().path("enableECSManagedTags").asBoolean(false)) {
            tags.put("aws:ecs:clusterName", new Tag("aws:ecs:clusterName", service.cluster()));
            tags.put("aws:ecs:serviceName", new Tag("aws:ecs:serviceName", service.serviceName()));
        }
        String propagate = service.members().path("propagateTags").asText("NONE");
        List<Tag> source = switch (propagate) {
            case "SERVICE" -> context.tags().tags(service.serviceArn());
            case "TASK_DEFINITION" -> context.tags().tags(definition.taskDefinitionArn());
            default -> List.of();
        };
        source.forEach(tag -> tags.put(tag.key(), tag));
        return List.copyOf(tags.values());
    }
}
