package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** DeleteRetentionPolicy: the group's events are kept until deleted (or dropped by the size bound). */
@Extension
public final class DeleteRetentionPolicyAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteRetentionPolicyAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "DeleteRetentionPolicy";
    }

    record Request(String logGroupName) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        String group = LogsNames.group(request.bind(Request.class).logGroupName(), "logGroupName");
        store.change(group, logGroup -> logGroup.retentionInDays(Optional.empty()));
        return Map.of();
    }
}
