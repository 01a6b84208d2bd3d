package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** ListTasks: ARNs of the cluster's tasks with the desired status (RUNNING by default), filtered, paged. */
@Extension
public final class ListTasksAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListTasksAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String containerInstance, String family, String nextToken, Integer maxResults,
                   String startedBy, String serviceName, String desiredStatus, String launchType) {
    }

    @Override
    public String name() {
        return "ListTasks";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = TaskRefs.cluster(context, body.cluster());
        String desired = body.desiredStatus() == null ? "RUNNING" : body.desiredStatus();
        if (!List.of("RUNNING", "PENDING", "STOPPED").contains(desired)) {
            throw EcsException.invalidParameter("Invalid desiredStatus '" + desired
                    + "'. Valid values: RUNNING, PENDING, STOPPED.");
        }
        if (body.startedBy() != null && (body.family() != null || body.serviceName() != null
                || body.containerInstance() != null)) {
            throw EcsException.invalidParameter("startedBy may not be specified with family, serviceName or "
                    + "containerInstance.");
        }
        if (body.family() != null && body.serviceName() != null) {
            throw EcsException.invalidParameter("family may not be specified with serviceName.");
        }
        Page.Window window = Page.Window.of(body.maxResults(), body.nextToken(), 100, 100);
        // ECS never sets a task's desired status to PENDING: asking for it answers nothing (as ECS documents)
        List<String> arns = desired.equals("PENDING") ? List.of() : context.tasks()
                .list(new TaskFilter(cluster, Optional.ofNullable(body.family()),
                                Optional.ofNullable(body.startedBy()), desired, Optional.ofNullable(body.launchType()),
                                Optional.ofNullable(body.serviceName())), window.from(), window.size() + 1)
                .stream().map(Task::taskArn).toList();
        Page<String> page = window.of(arns);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("taskArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
