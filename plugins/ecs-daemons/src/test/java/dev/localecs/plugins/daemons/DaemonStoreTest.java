package dev.localecs.plugins.daemons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.testing.FakePluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemon task definitions and daemons survive a restart (a new plugin context on the same state.dir). */
class DaemonStoreTest {
    @TempDir
    Path state;

    @Test
    void definitionsAndDaemonsAreReadBackFromStateDir() {
        DaemonFixture before = new DaemonFixture(new FakePluginContext().config("state.dir", state.toString()));
        before.register("agent", "busybox");
        String daemonArn = before.create("monitor", "agent").get("daemonArn").asText();
        assertThat(Files.exists(state.resolve("daemons/daemons/default/monitor.json"))).isTrue();
        assertThat(Files.exists(state.resolve("daemons/definitions/agent/1.json"))).isTrue();

        DaemonFixture after = new DaemonFixture(new FakePluginContext().config("state.dir", state.toString()));
        JsonNode daemon = after.describe(daemonArn);
        assertThat(daemon.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(daemon.get("deploymentArn").asText()).isEqualTo(before.describe(daemonArn).get("deploymentArn")
                .asText());
        assertThat(after.register("agent", "busybox:2")).as("revisions continue").endsWith("agent:2");
    }
}
