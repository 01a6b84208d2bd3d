package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import org.pf4j.Extension;

/** CreateLogStream: a new, empty stream in a group. */
@Extension
public final class CreateLogStreamAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateLogStreamAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "CreateLogStream";
    }

    record Request(String logGroupName, String logStreamName) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        store.createStream(LogsNames.group(body.logGroupName(), "logGroupName"), LogsNames.stream(body.logStreamName()));
        return Map.of();
    }
}
