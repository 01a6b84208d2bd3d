package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.ExecSession;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.ManagedAgent;
import dev.localecs.api.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ExecuteCommand (ECS Exec): checks the task as ECS does — found in the cluster, started with
 * {@code enableExecuteCommand}, the container's {@code ExecuteCommandAgent} running — and answers a Session
 * Manager session whose data channel the runtime serves, so the Session Manager plugin (or any client of
 * that protocol) opens a terminal in the container.
 */
@Extension
public final class ExecuteCommandAction implements EcsAction {
    /** ECS's answer when the task was started without ECS Exec or its agent is not running. */
    static final String NOT_ENABLED = "The execute command failed because execute command was not enabled when "
            + "the task was run or the execute command agent isn’t running. Wait and try the command again or run "
            + "a new task with execute command enabled and try again.";
    /** ECS's answer to {@code interactive: false}. */
    static final String INTERACTIVE_ONLY = "Interactive is the only mode supported currently.";
    private static final String AGENT = "ExecuteCommandAgent";

    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ExecuteCommandAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String container, @Required String command, @Required Boolean interactive,
                   @Required String task) {
    }

    @Override
    public String name() {
        return "ExecuteCommand";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (!body.interactive()) {
            throw EcsException.invalidParameter(INTERACTIVE_ONLY);
        }
        String cluster = TaskRefs.cluster(context, body.cluster());
        String taskId = body.task().substring(body.task().lastIndexOf('/') + 1);
        Task task = context.tasks().find(cluster, taskId)
                .orElseThrow(() -> EcsException.invalidParameter("The referenced task was not found."));
        Container container = container(task, body.container());
        if (!Boolean.TRUE.equals(task.enableExecuteCommand()) || !agentRunning(container)) {
            throw EcsException.invalidParameter(NOT_ENABLED);
        }
        ExecSession session = context.execSessions().open(new ExecSessionRequest(cluster, taskId, container.name(),
                body.command(), request.host()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clusterArn", task.clusterArn());
        answer.put("containerArn", container.containerArn());
        answer.put("containerName", container.name());
        answer.put("interactive", true);
        answer.put("session", Map.of("sessionId", session.sessionId(), "streamUrl", session.streamUrl(),
                "tokenValue", session.tokenValue()));
        answer.put("taskArn", task.taskArn());
        return answer;
    }

    /** The named container, or the only one; a task with several needs the name, as on ECS. */
    private static Container container(Task task, String name) {
        List<Container> containers = task.containers() == null ? List.of() : task.containers();
        if (name == null) {
            if (containers.size() != 1) {
                throw EcsException.invalidParameter("The task has " + containers.size() + " containers; specify "
                        + "the container to run the command in.");
            }
            return containers.get(0);
        }
        return containers.stream().filter(c -> name.equals(c.name())).findFirst()
                .orElseThrow(() -> EcsException.invalidParameter("The task has no container named '" + name + "'."));
    }

    private static boolean agentRunning(Container container) {
        List<ManagedAgent> agents = container.managedAgents() == null ? List.of() : container.managedAgents();
        return agents.stream().anyMatch(a -> AGENT.equals(a.name()) && "RUNNING".equals(a.lastStatus()));
    }
}
