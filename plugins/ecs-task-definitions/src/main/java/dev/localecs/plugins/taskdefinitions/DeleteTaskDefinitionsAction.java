package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DeleteTaskDefinitions: moves INACTIVE revisions to DELETE_IN_PROGRESS; ACTIVE, unknown or malformed ones
 * come back as failures with ECS's reasons.
 */
@Extension
public final class DeleteTaskDefinitionsAction implements EcsAction {
    static final String INVALID = "The specified task definition identifier is invalid. "
            + "Specify a valid name or ARN and try again.";
    static final String NOT_FOUND = "The specified task definition does not exist. "
            + "Specify a valid account, family, revision and try again.";
    private static final int MAX = 10;
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteTaskDefinitionsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required List<String> taskDefinitions) {
    }

    @Override
    public String name() {
        return "DeleteTaskDefinitions";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.taskDefinitions().isEmpty() || body.taskDefinitions().size() > MAX) {
            throw EcsException.invalidParameter("taskDefinitions must contain between 1 and " + MAX + " items.");
        }
        List<TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.taskDefinitions()) {
            if (!(RevisionReference.parse(reference) instanceof RevisionReference.Exact exact)) {
                failures.add(new Failure(reference, INVALID, null));
                continue;
            }
            Optional<TaskDefinition> found = exact.find(context);
            if (found.isEmpty()) {
                failures.add(new Failure(reference, NOT_FOUND, null));
            } else if ("ACTIVE".equals(found.get().status())) {
                failures.add(new Failure(found.get().taskDefinitionArn(), "The specified task definition is still "
                        + "in ACTIVE status. Please deregister the target and try again.", null));
            } else if ("DELETE_IN_PROGRESS".equals(found.get().status())) {
                deleted.add(found.get());
            } else {
                deleted.add(context.taskDefinitions()
                        .update(TaskDefinitionStatus.with(context, found.get(), "DELETE_IN_PROGRESS")));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("taskDefinitions", deleted);
        response.put("failures", failures);
        return response;
    }
}
