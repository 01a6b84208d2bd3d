package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The real-engine suites' commands are valid container definitions doing what the scripts say. */
class RealCommandsTest {
    private static final RealCommands COMMANDS = new RealCommands("busybox:1.36",
            "registry.invalid/local-ecs-api/no-such-image:1");

    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void scriptsBecomeShellCommands() throws Exception {
        JsonNode exit = parse(COMMANDS.container("app", true, "exit:3@1s", ""));
        assertThat(exit.get("command").get(2).asText()).isEqualTo("trap 'exit 0' TERM; sleep 1; exit 3");
        assertThat(exit.get("image").asText()).isEqualTo("busybox:1.36");

        JsonNode forever = parse(COMMANDS.container("side", false, null, ""));
        assertThat(forever.get("command").get(2).asText()).isEqualTo("trap 'exit 0' TERM; sleep 3600 & wait");
        assertThat(forever.get("essential").asBoolean()).isFalse();

        JsonNode pull = parse(COMMANDS.container("app", true, "pull-fail", ""));
        assertThat(pull.get("image").asText()).startsWith("registry.invalid/");

        JsonNode healthy = parse(COMMANDS.container("db", true, "healthy@800ms",
                ",\"healthCheck\":{\"command\":[\"CMD\",\"true\"]}"));
        assertThat(healthy.get("command").get(2).asText()).contains("(sleep 0.8; touch /tmp/healthy) &");
        assertThat(healthy.get("healthCheck").get("command").get(1).asText()).isEqualTo("test -f /tmp/healthy");
        assertThat(healthy.get("healthCheck").get("interval").asInt()).isEqualTo(5);

        JsonNode oom = parse(COMMANDS.container("app", true, "oom@300ms", ",\"memory\":32"));
        assertThat(oom.get("command").get(2).asText()).endsWith("sleep 0.3; tail /dev/zero");
        assertThat(oom.get("memory").asInt()).isEqualTo(32);
    }
}
