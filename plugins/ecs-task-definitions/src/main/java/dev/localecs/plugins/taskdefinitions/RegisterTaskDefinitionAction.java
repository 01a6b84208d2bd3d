package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** RegisterTaskDefinition: validates as ECS does, stores the next revision, tags it. */
@Extension
public final class RegisterTaskDefinitionAction implements EcsAction {
    private final PluginContext context;
    private final TaskDefinitionFactory factory;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public RegisterTaskDefinitionAction(PluginContext context) {
        this.context = context;
        this.factory = new TaskDefinitionFactory(context.json(), context.arns());
    }

    @Override
    public String name() {
        return "RegisterTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        RegisterTaskDefinitionRequest body = request.bind(RegisterTaskDefinitionRequest.class);
        TaskDefinitionValidator.validate(body);
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        TaskDefinition stored = context.taskDefinitions()
                .register(body.family(), revision -> factory.create(body, revision, context.clock().instant()));
        if (!tags.isEmpty()) {
            context.tags().tag(stored.taskDefinitionArn(), tags);
        }
        return Map.of("taskDefinition", stored, "tags", context.tags().tags(stored.taskDefinitionArn()));
    }
}
