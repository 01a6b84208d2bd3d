package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** DescribeTaskDefinition by family, family:revision or ARN; {@code include: ["TAGS"]} adds the tags. */
@Extension
public final class DescribeTaskDefinitionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeTaskDefinitionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String taskDefinition, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        boolean tags = Includes.parse(body.include(), List.of("TAGS")).contains("TAGS");
        TaskDefinition definition = context.taskDefinitions().resolve(body.taskDefinition())
                .orElseThrow(() -> EcsException.client("Unable to describe task definition."));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("taskDefinition", definition);
        if (tags) {
            response.put("tags", context.tags().tags(definition.taskDefinitionArn()));
        }
        return response;
    }
}
