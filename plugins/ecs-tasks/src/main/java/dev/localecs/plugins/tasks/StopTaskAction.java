package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.TaskRef;
import dev.localecs.api.error.EcsException;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * StopTask: the task's containers get their stop signal, then SIGKILL after their stopTimeout; the task
 * ends {@code UserInitiated} with the given reason.
 */
@Extension
public final class StopTaskAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public StopTaskAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String task, String reason) {
    }

    @Override
    public String name() {
        return "StopTask";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = TaskRefs.cluster(context, body.cluster());
        if (body.reason() != null && body.reason().length() > 255) {
            throw EcsException.invalidParameter("reason can be at most 255 characters.");
        }
        return TaskRef.taskId(cluster, body.task())
                .flatMap(id -> context.tasks().stop(cluster, id, Optional.ofNullable(body.reason())))
                .map(task -> Map.of("task", task))
                .orElseThrow(() -> EcsException.invalidParameter("The referenced task was not found."));
    }
}
