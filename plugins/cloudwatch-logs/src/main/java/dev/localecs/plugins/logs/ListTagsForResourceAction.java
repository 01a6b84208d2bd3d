package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/** ListTagsForResource: the tags of a log group named by its ARN. */
@Extension
public final class ListTagsForResourceAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListTagsForResourceAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    record Request(String resourceArn) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        String group = Tags.groupOf(request.bind(Request.class).resourceArn());
        return Map.of("tags", store.read(group, logGroup -> new TreeMap<>(logGroup.tags())));
    }
}
