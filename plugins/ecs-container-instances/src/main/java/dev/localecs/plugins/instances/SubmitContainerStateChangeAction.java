package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Task;
import java.util.List;
import org.pf4j.Extension;

/** SubmitContainerStateChange: an agent's report of a container's state, checked and acknowledged. */
@Extension
public final class SubmitContainerStateChangeAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public SubmitContainerStateChangeAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String task, String containerName, String runtimeId, String status,
                   Integer exitCode, String reason, List<Object> networkBindings) {
    }

    @Override
    public String name() {
        return "SubmitContainerStateChange";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Task task = AgentReports.task(context, body.cluster(), body.task());
        if (body.containerName() != null && task.containers().stream()
                .noneMatch(c -> body.containerName().equals(c.name()))) {
            throw EcsException.invalidParameter("The referenced container was not found in the task.");
        }
        AgentReports.checkStatus(body.status());
        return AgentReports.ACKNOWLEDGED;
    }
}
