package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRef;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** GetTaskProtection: the scale-in protection of the given tasks, or of every running task of the cluster. */
@Extension
public final class GetTaskProtectionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public GetTaskProtectionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, List<String> tasks) {
    }

    @Override
    public String name() {
        return "GetTaskProtection";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> tasks = body.tasks();
        if (tasks == null || tasks.isEmpty()) {
            String cluster = context.clusters().active(ClusterRef.parse(body.cluster()).name())
                    .clusterName();
            tasks = context.tasks().list(new TaskFilter(cluster, Optional.empty(), Optional.empty(), "RUNNING",
                    Optional.empty(), Optional.empty())).stream().map(Task::taskArn)
                    .filter(context.taskProtections()::isProtected).toList();
        }
        return ProtectedTasks.each(context, body.cluster(), tasks,
                task -> context.taskProtections().get(task.taskArn()));
    }
}
