package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Docker engine restarted under a running runtime (dockerd stopped and started again with the flags of
 * scripts/lib.sh; always left running): a RunTask sent the moment it is back launches (the pooled
 * connections died with the old engine); while it is down, {@code /health} says so and a RunTask's task
 * stops with TaskFailedToStart naming the unreachable engine.
 */
class EngineRestartIT {
    private static final String FAMILY = "durable-engine";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void engineRunningAndNothingLeft() throws Exception {
        Docker.startEngine();
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + FAMILY);
    }

    @Test
    void aRunTaskTheMomentTheEngineIsBackLaunches() throws Exception {
        try (RuntimeFixture runtime = start()) {
            // a launch fills the connection pool; the restart kills those connections
            Task before = runtime.ecs().runTask(r -> r.taskDefinition(FAMILY)).tasks().get(0);
            runtime.awaitStatus("default", before.taskArn(), "RUNNING", Duration.ofSeconds(60));
            try {
                Docker.stopEngine();
            } finally {
                Docker.startEngine();
            }
            Task after = runtime.ecs().runTask(r -> r.taskDefinition(FAMILY)).tasks().get(0);
            Task running = runtime.awaitStatus("default", after.taskArn(), "RUNNING", Duration.ofSeconds(60));
            assertThat(running.stoppedReason()).isNull();
            assertThat(health(runtime).path("status").asText()).isEqualTo("UP");
            runtime.ecs().stopTask(r -> r.task(after.taskArn()));
            runtime.awaitStatus("default", after.taskArn(), "STOPPED", Duration.ofSeconds(60));
        }
    }

    @Test
    void whileTheEngineIsDownHealthAndTheTaskSaySo() throws Exception {
        try (RuntimeFixture runtime = start()) {
            assertThat(health(runtime).path("docker").path("reachable").asBoolean()).isTrue();
            Task task;
            try {
                Docker.stopEngine();
                JsonNode health = health(runtime);
                assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("DOWN");
                assertThat(health.path("docker").path("reachable").asBoolean()).as(health.toString()).isFalse();
                assertThat(health.path("docker").path("error").asText()).as(health.toString()).isNotBlank();

                task = runtime.ecs().runTask(r -> r.taskDefinition(FAMILY)).tasks().get(0);
                Task stopped = runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(60));
                assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
                assertThat(stopped.stoppedReason()).as(stopped.toString())
                        .contains("the Docker engine at unix:///var/run/docker.sock is unreachable");
            } finally {
                Docker.startEngine();
            }
            assertThat(health(runtime).path("status").asText()).isEqualTo("UP");
        }
    }

    private RuntimeFixture start() {
        RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        assertThat(runtime.post("RegisterTaskDefinition", "{\"family\": \"" + FAMILY + "\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"image\": \"" + TestImages.BUSYBOX + "\", \"memory\": 16, \"stopTimeout\": 1, "
                + "\"command\": [\"sleep\", \"300\"]}]}").statusCode()).isEqualTo(200);
        return runtime;
    }

    private static JsonNode health(RuntimeFixture runtime) throws Exception {
        try {
            return JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(runtime.endpoint().resolve("/health"))
                    .timeout(Duration.ofSeconds(20)).GET().build()).body());
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof HttpTimeoutException)) {
                throw e;
            }
            // /health must answer within its probe's deadline: show where the runtime's threads were
            Path dump = Files.createTempFile("engine-restart-threads", ".txt");
            Files.delete(dump);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            throw new AssertionError("/health did not answer within 20 s; threads:\n" + Files.readString(dump), e);
        }
    }
}
