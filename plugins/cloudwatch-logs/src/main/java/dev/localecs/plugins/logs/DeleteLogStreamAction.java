package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.Map;
import org.pf4j.Extension;

/** DeleteLogStream: the stream and its events. */
@Extension
public final class DeleteLogStreamAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteLogStreamAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "DeleteLogStream";
    }

    record Request(String logGroupName, String logStreamName) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        store.deleteStream(LogsNames.group(body.logGroupName(), "logGroupName"), LogsNames.stream(body.logStreamName()));
        return Map.of();
    }
}
