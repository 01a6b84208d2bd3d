package dev.localecs.plugins.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.testing.FakePluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ExecuteCommand against a fake context: the checks ECS makes, the answer, the session asked for. */
class ExecuteCommandActionTest {
    private FakePluginContext context;
    private ExecuteCommandAction action;

    @BeforeEach
    void setUp() {
        context = new FakePluginContext();
        action = new ExecuteCommandAction(context);
    }

    private Task task(boolean enabled, String agentStatus, String... containers) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String name : containers) {
            list.add(Map.of("name", name, "containerArn", "arn:aws:ecs:us-east-1:000000000000:container/default/x/"
                    + name, "lastStatus", "RUNNING", "managedAgents", List.of(Map.of("name", "ExecuteCommandAgent",
                    "lastStatus", agentStatus))));
        }
        return context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"), "lastStatus", "RUNNING",
                "enableExecuteCommand", enabled, "containers", list));
    }

    private static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessage(message);
    }

    @Test
    void answersASessionForTheContainerOfAnExecEnabledTask() {
        Task task = task(true, "RUNNING", "app");
        JsonNode answer = context.call(action, "{\"task\":\"" + task.taskArn() + "\",\"command\":\"/bin/sh\","
                + "\"interactive\":true}");

        assertThat(answer.get("taskArn").asText()).isEqualTo(task.taskArn());
        assertThat(answer.get("clusterArn").asText()).isEqualTo(context.arns().cluster("default"));
        assertThat(answer.get("containerName").asText()).isEqualTo("app");
        assertThat(answer.get("containerArn").asText()).endsWith("/app");
        assertThat(answer.get("interactive").asBoolean()).isTrue();
        assertThat(answer.at("/session/sessionId").asText()).isEqualTo("ecs-execute-command-1");
        assertThat(answer.at("/session/streamUrl").asText()).startsWith("ws://");
        assertThat(answer.at("/session/tokenValue").asText()).isEqualTo("token-1");
        assertThat(context.execSessions().opened()).containsExactly(new ExecSessionRequest("default", id(task), "app",
                "/bin/sh", Optional.empty()));
    }

    @Test
    void namesTheContainerOfATaskWithSeveralAndTakesATaskId() {
        Task task = task(true, "RUNNING", "web", "sidecar");
        JsonNode answer = context.call(action, "{\"task\":\"" + id(task) + "\",\"container\":\"sidecar\","
                + "\"cluster\":\"default\",\"command\":\"ls -l\",\"interactive\":true}");
        assertThat(answer.get("containerName").asText()).isEqualTo("sidecar");
        assertThat(context.execSessions().opened().get(0).container()).isEqualTo("sidecar");
    }

    @Test
    void refusesWhatEcsRefuses() {
        Task disabled = task(false, "RUNNING", "app");
        Task agentPending = task(true, "PENDING", "app");
        Task agentStopped = task(true, "STOPPED", "app");
        Task two = task(true, "RUNNING", "a", "b");
        refused(() -> context.call(action, "{\"task\":\"" + disabled.taskArn() + "\",\"command\":\"sh\","
                + "\"interactive\":true}"), ErrorCode.INVALID_PARAMETER, ExecuteCommandAction.NOT_ENABLED);
        refused(() -> context.call(action, "{\"task\":\"" + agentPending.taskArn() + "\",\"command\":\"sh\","
                + "\"interactive\":true}"), ErrorCode.INVALID_PARAMETER, ExecuteCommandAction.NOT_ENABLED);
        refused(() -> context.call(action, "{\"task\":\"" + agentStopped.taskArn() + "\",\"command\":\"sh\","
                + "\"interactive\":true}"), ErrorCode.INVALID_PARAMETER, ExecuteCommandAction.NOT_ENABLED);
        refused(() -> context.call(action, "{\"task\":\"" + disabled.taskArn() + "\",\"command\":\"sh\","
                + "\"interactive\":false}"), ErrorCode.INVALID_PARAMETER,
                "Interactive is the only mode supported currently.");
        refused(() -> context.call(action, "{\"task\":\"0123456789abcdef0123456789abcdef\",\"command\":\"sh\","
                + "\"interactive\":true}"), ErrorCode.INVALID_PARAMETER, "The referenced task was not found.");
        refused(() -> context.call(action, "{\"task\":\"" + two.taskArn() + "\",\"command\":\"sh\","
                + "\"interactive\":true}"), ErrorCode.INVALID_PARAMETER,
                "The task has 2 containers; specify the container to run the command in.");
        refused(() -> context.call(action, "{\"task\":\"" + two.taskArn() + "\",\"container\":\"c\","
                + "\"command\":\"sh\",\"interactive\":true}"), ErrorCode.INVALID_PARAMETER,
                "The task has no container named 'c'.");
        refused(() -> context.call(action, "{\"task\":\"" + two.taskArn() + "\",\"cluster\":\"ghost\","
                + "\"command\":\"sh\",\"interactive\":true}"), ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        assertThatThrownBy(() -> context.call(action, "{\"task\":\"" + two.taskArn() + "\",\"interactive\":true}"))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER)).hasMessageContaining("command");
        assertThat(context.execSessions().opened()).isEmpty();
    }

    @Test
    void runTaskKeepsEnableExecuteCommandOnTheTask() {
        context.taskDefinitions().register("web", revision -> context.json().convertValue(Map.of(
                "family", "web", "revision", revision, "status", "ACTIVE", "networkMode", "bridge",
                "taskDefinitionArn", context.arns().taskDefinition("web", revision), "compatibilities", List.of("EC2"),
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class));
        JsonNode answer = context.call(new RunTaskAction(context), "{\"taskDefinition\":\"web\","
                + "\"enableExecuteCommand\":true}");
        assertThat(answer.at("/tasks/0/enableExecuteCommand").asBoolean()).isTrue();
        assertThat(context.tasks().launches().get(0).enableExecuteCommand()).isTrue();
        JsonNode plain = context.call(new RunTaskAction(context), "{\"taskDefinition\":\"web\"}");
        assertThat(plain.at("/tasks/0/enableExecuteCommand").asBoolean()).isFalse();
    }
}
