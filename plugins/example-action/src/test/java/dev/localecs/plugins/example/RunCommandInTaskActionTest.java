package dev.localecs.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.testing.FakePluginContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example action on a fake context: the command reaches the running container, errors are ECS's. */
class RunCommandInTaskActionTest {
    private final FakePluginContext context = new FakePluginContext();
    private final RunCommandInTaskAction action = new RunCommandInTaskAction(context);

    private String task(String... containers) {
        TaskDefinition definition = context.json().convertValue(Map.of("family", "web", "revision", 1,
                "taskDefinitionArn", context.arns().taskDefinition("web", 1), "containerDefinitions",
                Arrays.stream(containers).map(name -> Map.of("name", name, "image", "busybox")).toList()),
                TaskDefinition.class);
        Task task = context.tasks().run(new RunTaskSpec(definition, "default", Optional.empty(), Optional.empty(),
                "family:web", "EC2", Optional.empty(), Optional.empty(), Optional.empty(), false, List.of()));
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        context.tasks().change(id, Map.of("lastStatus", "RUNNING", "containers", task.containers().stream()
                .map(c -> Map.of("name", c.name(), "lastStatus", "RUNNING")).toList()));
        return task.taskArn();
    }

    @Test
    void theCommandRunsInTheOnlyContainerAndItsOutputIsAnswered() {
        String arn = task("app");
        context.tasks().answerExec(new ExecResult(3, "hello\n"));
        JsonNode answer = context.call(action, "{\"task\":\"" + arn + "\",\"command\":[\"sh\",\"-c\",\"echo hello\"]}");
        assertThat(answer.get("exitCode").asInt()).isEqualTo(3);
        assertThat(answer.get("output").asText()).isEqualTo("hello\n");
        assertThat(answer.get("containerName").asText()).isEqualTo("app");
        assertThat(context.tasks().commands()).containsExactly(List.of("sh", "-c", "echo hello"));
    }

    @Test
    void ambiguousUnknownOrMissingTargetsAreRefused() {
        String arn = task("app", "side");
        assertThatThrownBy(() -> context.call(action, "{\"task\":\"" + arn + "\",\"command\":[\"true\"]}"))
                .hasMessage("The task has several containers: name one with 'container'.");
        assertThatThrownBy(() -> context.call(action, "{\"task\":\"" + arn + "\",\"container\":\"db\","
                + "\"command\":[\"true\"]}")).hasMessage("The task has no container named 'db'.");
        assertThatThrownBy(() -> context.call(action, "{\"task\":\"0123456789abcdef0123456789abcdef\","
                + "\"command\":[\"true\"]}")).hasMessage("The referenced task was not found.");
        assertThatThrownBy(() -> context.call(action, "{\"task\":\"" + arn + "\"}"))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.INVALID_PARAMETER)).hasMessageContaining("command");
        assertThat(context.tasks().commands()).isEmpty();
    }
}
