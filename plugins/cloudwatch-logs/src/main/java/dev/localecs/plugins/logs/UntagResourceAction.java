package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** UntagResource: removes tags of a log group named by its ARN. */
@Extension
public final class UntagResourceAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UntagResourceAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    record Request(String resourceArn, List<String> tagKeys) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = Tags.groupOf(body.resourceArn());
        if (body.tagKeys() == null) {
            throw LogsErrors.missing("tagKeys");
        }
        store.change(group, logGroup -> body.tagKeys().forEach(logGroup.tags()::remove));
        return Map.of();
    }
}
