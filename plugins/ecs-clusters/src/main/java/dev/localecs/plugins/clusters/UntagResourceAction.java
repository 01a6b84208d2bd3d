package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** UntagResource for clusters and task definitions; unknown keys are ignored, as on ECS. */
@Extension
public final class UntagResourceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UntagResourceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String resourceArn, @Required List<String> tagKeys) {
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String arn = TaggableResources.existing(context, body.resourceArn(), TaggableResources.Missing.TAGGING);
        context.tags().untag(arn, body.tagKeys());
        return Map.of();
    }
}
