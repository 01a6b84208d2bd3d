package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/** ListTagsForResource for clusters, task definitions and tasks. */
@Extension
public final class ListTagsForResourceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListTagsForResourceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String resourceArn) {
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String arn = TaggableResources.existing(context, body.resourceArn(), TaggableResources.Missing.LISTING);
        return Map.of("tags", context.tags().tags(arn));
    }
}
