package dev.localecs.plugins.taskdefinitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.TaskDefinition;

/** Status transitions of a revision with the timestamp ECS records for each. */
final class TaskDefinitionStatus {
    private TaskDefinitionStatus() {
    }

    static TaskDefinition with(PluginContext context, TaskDefinition definition, String status) {
        ObjectNode node = context.json().valueToTree(definition);
        node.put("status", status);
        String stamp = status.equals("INACTIVE") ? "deregisteredAt" : "deleteRequestedAt";
        node.set(stamp, context.json().valueToTree(context.clock().instant()));
        return context.json().convertValue(node, TaskDefinition.class);
    }
}
