package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import java.util.List;
import org.pf4j.Extension;

/** SubmitTaskStateChange: an agent's report of a task's state, checked and acknowledged (see {@link AgentReports}). */
@Extension
public final class SubmitTaskStateChangeAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public SubmitTaskStateChangeAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String task, String status, String reason, List<Object> containers,
                   List<Object> attachments, List<Object> managedAgents, Double pullStartedAt,
                   Double pullStoppedAt, Double executionStoppedAt) {
    }

    @Override
    public String name() {
        return "SubmitTaskStateChange";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        AgentReports.task(context, body.cluster(), body.task());
        AgentReports.checkStatus(body.status());
        return AgentReports.ACKNOWLEDGED;
    }
}
