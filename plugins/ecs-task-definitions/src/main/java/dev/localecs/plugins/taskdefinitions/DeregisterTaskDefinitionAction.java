package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.Map;
import org.pf4j.Extension;

/** DeregisterTaskDefinition: marks one revision INACTIVE (it stays describable, as on ECS). */
@Extension
public final class DeregisterTaskDefinitionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeregisterTaskDefinitionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String taskDefinition) {
    }

    @Override
    public String name() {
        return "DeregisterTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (!Revisions.explicit(body.taskDefinition())) {
            throw EcsException.client("Invalid task definition '" + body.taskDefinition()
                    + "': specify family:revision or the full task definition ARN.");
        }
        TaskDefinition current = Revisions.find(context, body.taskDefinition())
                .orElseThrow(() -> EcsException.client("The specified task definition does not exist."));
        TaskDefinition result = current;
        if ("ACTIVE".equals(current.status())) {
            result = context.taskDefinitions().update(TaskDefinitionStatus.with(context, current, "INACTIVE"));
        }
        return Map.of("taskDefinition", result);
    }
}
