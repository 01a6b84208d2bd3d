package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/** TagResource: adds or replaces tags of a log group named by its ARN. */
@Extension
public final class TagResourceAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public TagResourceAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "TagResource";
    }

    record Request(String resourceArn, Map<String, String> tags) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = Tags.groupOf(body.resourceArn());
        if (body.tags() == null) {
            throw LogsErrors.missing("tags");
        }
        Tags.validate(body.tags());
        store.change(group, logGroup -> {
            Map<String, String> merged = new TreeMap<>(logGroup.tags());
            merged.putAll(body.tags());
            Tags.validate(merged);
            logGroup.tags().putAll(body.tags());
        });
        return Map.of();
    }
}
