package dev.localecs.plugins.example;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.Arn;
import dev.localecs.api.EcsAction;
import dev.localecs.api.ExecResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code RunCommandInTask} — a team action in the style of ECS Exec, but answering with the command's output
 * instead of a session: {@code {"cluster", "task", "container", "command": ["sh", "-c", "..."]}} →
 * {@code {"taskArn", "containerName", "exitCode", "output"}}. The container may be left out when the task
 * has only one.
 *
 * <p>It shows what a plugin needs: an {@link EcsAction} with an {@code @Extension} annotation, a request
 * record bound (and its {@link Required} members checked) by {@link ActionRequest#bind(Class)}, the runtime's
 * services from the {@link PluginContext}, and ECS-shaped errors through {@link EcsException}.
 */
@Extension
public final class RunCommandInTaskAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public RunCommandInTaskAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String task, String container, @Required List<String> command) {
    }

    @Override
    public String name() {
        return "RunCommandInTask";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.command().isEmpty()) {
            throw EcsException.invalidParameter("command must not be empty.");
        }
        String cluster = body.cluster() == null ? "default" : Arn.parse(body.cluster()).map(Arn::resourceId)
                .orElse(body.cluster());
        String taskId = body.task().substring(body.task().lastIndexOf('/') + 1);
        Task task = context.tasks().find(cluster, taskId)
                .orElseThrow(() -> EcsException.invalidParameter("The referenced task was not found."));
        String container = body.container();
        if (container == null) {
            if (task.containers().size() != 1) {
                throw EcsException.invalidParameter("The task has several containers: name one with 'container'.");
            }
            container = task.containers().get(0).name();
        }
        String name = container;
        if (task.containers().stream().map(Container::name).noneMatch(name::equals)) {
            throw new EcsException(ErrorCode.INVALID_PARAMETER, "The task has no container named '" + name + "'.");
        }
        ExecResult result = context.tasks().exec(cluster, taskId, name, body.command())
                .orElseThrow(() -> EcsException.invalidParameter("The referenced task was not found."));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("taskArn", task.taskArn());
        response.put("containerName", name);
        response.put("exitCode", result.exitCode());
        response.put("output", result.output());
        return response;
    }
}
