package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS Exec end to end: RunTask with {@code enableExecuteCommand}, ExecuteCommand through the AWS SDK for Java
 * v2, and the Session Manager data channel driven by an independent client (the npm packages
 * {@code ssm-session} and {@code ws}) — a shell in the real container, a refused token, the session ending
 * when the container stops — and the refusals ECS gives.
 */
class ExecuteCommandIT {
    private static final String NOT_ENABLED = "The execute command failed because execute command was not enabled "
            + "when the task was run or the execute command agent isn’t running. Wait and try the command again or "
            + "run a new task with execute command enabled and try again.";

    @TempDir
    Path state;

    @BeforeAll
    static void prepare() throws Exception {
        TestImages.ensure();
        SsmSessionClient.install();
    }

    /** Tasks a failed assertion left running (the runtime keeps tasks across its own stop). */
    @AfterEach
    void removeContainers() {
        for (String family : List.of("exec-shell", "exec-plain")) {
            String ids = TestImages.run(List.of("docker", "ps", "-aq", "--filter",
                    "label=com.amazonaws.ecs.task-definition-family=" + family)).trim();
            if (!ids.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f"));
                remove.addAll(List.of(ids.split("\\s+")));
                TestImages.run(remove);
            }
        }
    }

    private static void register(RuntimeFixture runtime, String family) {
        var response = runtime.post("RegisterTaskDefinition", "{\"family\": \"" + family + "\", "
                + "\"containerDefinitions\": [{\"name\": \"app\", \"image\": \"" + TestImages.BUSYBOX + "\", "
                + "\"memory\": 32, \"stopTimeout\": 1, \"command\": [\"sleep\", \"300\"]}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void refused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorMessage()).isEqualTo(message));
    }

    /** Waits until the container runs (or no longer runs) a process of an exec. */
    private static void awaitExecProcess(String containerId, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (TestImages.run(List.of("docker", "top", containerId)).contains("/bin/sh") != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError((present ? "no exec process appeared in " : "the exec process stayed in ")
                        + containerId + ": " + TestImages.run(List.of("docker", "top", containerId)));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aShellInTheContainerThroughTheSessionManagerDataChannel() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            register(runtime, "exec-shell");
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("exec-shell").enableExecuteCommand(true))
                    .tasks().get(0);
            assertThat(task.enableExecuteCommand()).isTrue();
            Task running = runtime.awaitStatus("default", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
            Container container = running.containers().get(0);
            assertThat(container.managedAgents()).hasSize(1);
            ManagedAgent agent = container.managedAgents().get(0);
            assertThat(agent.nameAsString()).isEqualTo("ExecuteCommandAgent");
            assertThat(agent.lastStatus()).isEqualTo("RUNNING");
            assertThat(agent.lastStartedAt()).isNotNull();

            ExecuteCommandResponse exec = runtime.ecs().executeCommand(r -> r.task(task.taskArn()).container("app")
                    .command("/bin/sh").interactive(true));
            assertThat(exec.taskArn()).isEqualTo(task.taskArn());
            assertThat(exec.clusterArn()).isEqualTo(task.clusterArn());
            assertThat(exec.containerName()).isEqualTo("app");
            assertThat(exec.containerArn()).isEqualTo(container.containerArn());
            assertThat(exec.interactive()).isTrue();
            String streamUrl = exec.session().streamUrl();
            assertThat(streamUrl).isEqualTo(runtime.endpoint().toString().replace("http://", "ws://")
                    + "/v1/data-channel/" + exec.session().sessionId() + "?role=publish_subscribe");

            SsmSessionClient.Result intruder = SsmSessionClient.run(streamUrl, "not-the-token", "echo owned\n",
                    Duration.ofSeconds(20));
            assertThat(intruder.closeCode()).as("a wrong token is refused").isEqualTo(1008);
            assertThat(intruder.messages()).isZero();

            SsmSessionClient.Result shell = SsmSessionClient.run(streamUrl, exec.session().tokenValue(),
                    "stty size; echo hi; exit\n", Duration.ofSeconds(30));
            assertThat(shell.timedOut()).isFalse();
            assertThat(shell.output()).as("the command's output, not just the echoed input").contains("hi\r\n");
            assertThat(shell.output()).as("the client's terminal size (24 rows, 80 columns)").contains("24 80\r\n");
            assertThat(shell.channelClosed()).as("channel_closed when the shell exits").isTrue();
            assertThat(shell.closeCode()).isEqualTo(1000);

            SsmSessionClient.Result again = SsmSessionClient.run(streamUrl, exec.session().tokenValue(), "-",
                    Duration.ofSeconds(20));
            assertThat(again.closeCode()).as("an ended session does not open again").isEqualTo(1008);

            ExecuteCommandResponse dropped = runtime.ecs().executeCommand(r -> r.task(task.taskArn())
                    .command("/bin/sh").interactive(true));
            Process gone = SsmSessionClient.start(dropped.session().streamUrl(), dropped.session().tokenValue(), null,
                    Duration.ofSeconds(60));
            awaitExecProcess(container.runtimeId(), true);
            gone.destroyForcibly().waitFor();
            awaitExecProcess(container.runtimeId(), false);

            ExecuteCommandResponse second = runtime.ecs().executeCommand(r -> r.task(task.taskArn())
                    .command("/bin/sh").interactive(true));
            Process held = SsmSessionClient.start(second.session().streamUrl(), second.session().tokenValue(), null,
                    Duration.ofSeconds(60));
            awaitExecProcess(container.runtimeId(), true);
            runtime.ecs().stopTask(r -> r.task(task.taskArn()));
            SsmSessionClient.Result ended = SsmSessionClient.await(held, Duration.ofSeconds(70));
            assertThat(ended.timedOut()).as("the session ends with the container").isFalse();
            assertThat(ended.channelClosed()).isTrue();
            assertThat(ended.closeCode()).isEqualTo(1000);
            runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(30));
        }
    }

    @Test
    void tasksWithoutExecAndStoppedTasksAreRefusedAsOnEcs() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            register(runtime, "exec-plain");
            Task plain = runtime.ecs().runTask(r -> r.taskDefinition("exec-plain")).tasks().get(0);
            Task enabled = runtime.ecs().runTask(r -> r.taskDefinition("exec-plain").enableExecuteCommand(true))
                    .tasks().get(0);
            Task running = runtime.awaitStatus("default", plain.taskArn(), "RUNNING", Duration.ofSeconds(60));
            assertThat(running.enableExecuteCommand()).isFalse();
            assertThat(running.containers().get(0).managedAgents()).isEmpty();

            refused(() -> runtime.ecs().executeCommand(r -> r.task(plain.taskArn()).command("/bin/sh")
                    .interactive(true)), NOT_ENABLED);
            refused(() -> runtime.ecs().executeCommand(r -> r.task(enabled.taskArn()).command("/bin/sh")
                    .interactive(false)), "Interactive is the only mode supported currently.");
            refused(() -> runtime.ecs().executeCommand(r -> r.task("0123456789abcdef0123456789abcdef")
                    .command("/bin/sh").interactive(true)), "The referenced task was not found.");
            refused(() -> runtime.ecs().executeCommand(r -> r.task(enabled.taskArn()).container("nope")
                    .command("/bin/sh").interactive(true)), "The task has no container named 'nope'.");

            runtime.awaitStatus("default", enabled.taskArn(), "RUNNING", Duration.ofSeconds(60));
            URI byName = URI.create("http://localhost:" + runtime.endpoint().getPort());
            try (EcsClient viaLocalhost = EcsClient.builder().endpointOverride(byName).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                ExecuteCommandResponse named = viaLocalhost.executeCommand(r -> r.task(enabled.taskArn())
                        .command("/bin/sh").interactive(true));
                assertThat(named.session().streamUrl()).as("the stream URL names the host the client called")
                        .startsWith("ws://localhost:" + runtime.endpoint().getPort() + "/v1/data-channel/");
            }
            runtime.ecs().stopTask(r -> r.task(enabled.taskArn()));
            Task stopped = runtime.awaitStatus("default", enabled.taskArn(), "STOPPED", Duration.ofSeconds(30));
            assertThat(stopped.containers().get(0).managedAgents().get(0).lastStatus()).isEqualTo("STOPPED");
            refused(() -> runtime.ecs().executeCommand(r -> r.task(enabled.taskArn()).command("/bin/sh")
                    .interactive(true)), NOT_ENABLED);
            runtime.ecs().stopTask(r -> r.task(plain.taskArn()));
            runtime.awaitStatus("default", plain.taskArn(), "STOPPED", Duration.ofSeconds(30));
        }
    }
}
