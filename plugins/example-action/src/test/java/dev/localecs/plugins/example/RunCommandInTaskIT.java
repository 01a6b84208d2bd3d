package dev.localecs.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.testkit.LocalEcsTestRuntime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The example plugin tested the way a plugin author tests theirs: the test kit starts the real runtime with
 * the plugin modules of this folder, and the action runs a command in a real task container (the busybox
 * test image the runtime module's tests build).
 */
class RunCommandInTaskIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(LocalEcsTestRuntime runtime, String operation, String body) throws Exception {
        return JSON.readTree(runtime.call(operation, body).body());
    }

    @Test
    void runsACommandInARunningTaskContainer() throws Exception {
        try (LocalEcsTestRuntime runtime = LocalEcsTestRuntime.builder()
                .pluginModules(Path.of("..").toAbsolutePath().normalize())
                .config("endpoint.mode", "disabled")
                .config("tasks.remove-containers", "immediately")
                .start()) {
            json(runtime, "RegisterTaskDefinition", """
                    {"family": "exec-target", "containerDefinitions": [{"name": "app", "image": "local/busybox:test",
                      "memory": 32, "stopTimeout": 1, "environment": [{"name": "GREETING", "value": "hello"}],
                      "command": ["sleep", "300"]}]}""");
            String arn = json(runtime, "RunTask", "{\"taskDefinition\": \"exec-target\"}").at("/tasks/0/taskArn")
                    .asText();
            runtime.awaitStatus("default", arn, "RUNNING", Duration.ofSeconds(30));

            JsonNode body = json(runtime, "RunCommandInTask", "{\"task\": \"" + arn
                    + "\", \"command\": [\"sh\", \"-c\", \"echo $GREETING from $(hostname); exit 3\"]}");
            assertThat(body.get("containerName").asText()).isEqualTo("app");
            assertThat(body.get("exitCode").asInt()).isEqualTo(3);
            assertThat(body.get("output").asText()).startsWith("hello from ");

            assertThat(json(runtime, "RunCommandInTask", "{\"task\": \"0123456789abcdef0123456789abcdef\", "
                    + "\"command\": [\"true\"]}").get("__type").asText()).isEqualTo("InvalidParameterException");
            assertThat(json(runtime, "RunCommandInTask", "{\"task\": \"" + arn + "\"}").get("message").asText())
                    .contains("command is required");

            json(runtime, "StopTask", "{\"task\": \"" + arn + "\"}");
            runtime.awaitStatus("default", arn, "STOPPED", Duration.ofSeconds(30));
            assertThat(json(runtime, "RunCommandInTask", "{\"task\": \"" + arn + "\", \"command\": [\"true\"]}")
                    .get("__type").asText()).as("the container has stopped").isEqualTo("ClientException");
        }
    }
}
