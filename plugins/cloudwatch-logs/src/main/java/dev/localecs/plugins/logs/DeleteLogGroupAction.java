package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import org.pf4j.Extension;

/** DeleteLogGroup: the group, its streams and their events. */
@Extension
public final class DeleteLogGroupAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteLogGroupAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "DeleteLogGroup";
    }

    record Request(String logGroupName) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        store.deleteGroup(LogsNames.group(request.bind(Request.class).logGroupName(), "logGroupName"));
        return Map.of();
    }
}
