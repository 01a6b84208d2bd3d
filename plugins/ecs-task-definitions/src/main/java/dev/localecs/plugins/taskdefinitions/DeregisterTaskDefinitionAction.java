package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeregisterTaskDefinition: marks one revision INACTIVE (it stays describable, as on ECS). A reference
 * without a revision, with a revision that is not a number, or to a revision that does not exist is refused
 * with ECS's texts.
 */
@Extension
public final class DeregisterTaskDefinitionAction implements EcsAction {
    static final String NOT_FOUND = "The specified task definition does not exist.";
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
        TaskDefinition current = switch (RevisionReference.parse(body.taskDefinition())) {
            case RevisionReference.Exact exact -> exact.find(context)
                    .orElseThrow(() -> EcsException.client(NOT_FOUND));
            case RevisionReference.MissingRevision missing -> throw EcsException.client("Revision is missing.");
            case RevisionReference.InvalidNumber invalid ->
                    throw EcsException.invalidParameter("Invalid revision number. Number: " + invalid.number());
            case RevisionReference.Malformed malformed -> throw EcsException.client("Invalid task definition '"
                    + body.taskDefinition() + "': specify family:revision or the full task definition ARN.");
        };
        TaskDefinition result = current;
        if ("ACTIVE".equals(current.status())) {
            result = context.taskDefinitions().update(TaskDefinitionStatus.with(context, current, "INACTIVE"));
        }
        return Map.of("taskDefinition", result);
    }
}
