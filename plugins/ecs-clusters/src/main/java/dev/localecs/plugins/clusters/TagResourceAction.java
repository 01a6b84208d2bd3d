package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** TagResource for clusters and task definitions; the 50-tag limit counts the tags already there. */
@Extension
public final class TagResourceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public TagResourceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String resourceArn, @Required List<Tag> tags) {
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String arn = TaggableResources.existing(context, body.resourceArn(), TaggableResources.Missing.TAGGING);
        if (body.tags().isEmpty()) {
            throw EcsException.invalidParameter("tags must contain at least one tag.");
        }
        context.tags().tag(arn, body.tags());
        return Map.of();
    }
}
