package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/** The example plugin's RunCommandInTask runs a command in a real task container and returns its output. */
class ExampleActionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @Test
    void runsACommandInARunningTaskContainer() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "exec-target", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                      "stopTimeout": 1, "environment": [{"name": "GREETING", "value": "hello"}],
                      "command": ["sleep", "300"]}]}""".formatted(TestImages.BUSYBOX));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("exec-target")).tasks().get(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"RUNNING".equals(runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().get(0)
                    .lastStatus()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }

            var response = runtime.post("RunCommandInTask", "{\"task\": \"" + task.taskArn()
                    + "\", \"command\": [\"sh\", \"-c\", \"echo $GREETING from $(hostname); exit 3\"]}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("containerName").asText()).isEqualTo("app");
            assertThat(body.get("exitCode").asInt()).isEqualTo(3);
            assertThat(body.get("output").asText()).startsWith("hello from ");

            var missing = runtime.post("RunCommandInTask", "{\"task\": \"0123456789abcdef0123456789abcdef\", "
                    + "\"command\": [\"true\"]}");
            assertThat(JSON.readTree(missing.body()).get("__type").asText()).isEqualTo("InvalidParameterException");
            var noCommand = runtime.post("RunCommandInTask", "{\"task\": \"" + task.taskArn() + "\"}");
            assertThat(JSON.readTree(noCommand.body()).get("message").asText()).contains("command is required");

            runtime.ecs().stopTask(r -> r.task(task.taskArn()));
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STOPPED".equals(runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().get(0)
                    .lastStatus()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            var stopped = runtime.post("RunCommandInTask", "{\"task\": \"" + task.taskArn()
                    + "\", \"command\": [\"true\"]}");
            assertThat(JSON.readTree(stopped.body()).get("__type").asText()).isEqualTo("ClientException");
        }
    }
}
