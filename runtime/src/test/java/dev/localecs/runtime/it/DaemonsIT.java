package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A daemon on the real Docker engine through the AWS CLI: its one task really runs (docker sees its container),
 * is replaced when the container is killed, rolls to a new revision on UpdateDaemon, is adopted (not duplicated)
 * after a restart, and stops on DeleteDaemon, after which the daemon is gone.
 */
class DaemonsIT {
    private static final String FAMILY = "daemons-agent";
    private static final String DAEMON = "daemons-monitor";
    private static final String PROVIDER = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/daemons-local";
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + FAMILY);
    }

    private AwsCli cli() {
        return new AwsCli(runtime.endpoint());
    }

    private String register(String marker) {
        String command = "trap 'exit 0' TERM; echo " + marker + "; while true; do sleep 1; done";
        return cli().ecs("register-daemon-task-definition", "--family", FAMILY, "--container-definitions",
                "[{\"name\":\"agent\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":32,\"stopTimeout\":2,"
                        + "\"command\":[\"sh\",\"-c\",\"" + command + "\"]}]")
                .get("daemonTaskDefinitionArn").asText();
    }

    /** The daemon's tasks whose desired status is RUNNING. */
    private List<Task> live() {
        List<String> arns = runtime.ecs().listTasks(r -> r.desiredStatus(DesiredStatus.RUNNING)).taskArns();
        return arns.isEmpty() ? List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks().stream()
                .filter(task -> ("daemon:" + DAEMON).equals(task.group())).toList();
    }

    private List<Task> awaitLive(Predicate<List<Task>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Task> tasks = live();
        while (!done.test(tasks)) {
            assertThat(System.nanoTime()).as("waited for " + what + "; live: " + tasks).isLessThan(deadline);
            Thread.sleep(200);
            tasks = live();
        }
        return tasks;
    }

    private JsonNode deployment(String arn) {
        return cli().ecs("describe-daemon-deployments", "--daemon-deployment-arns", arn).at("/daemonDeployments/0");
    }

    private JsonNode awaitDeployment(String arn, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode deployment = deployment(arn);
        while (!status.equals(deployment.get("status").asText())) {
            assertThat(System.nanoTime()).as("waited for " + status + ": " + deployment).isLessThan(deadline);
            Thread.sleep(200);
            deployment = deployment(arn);
        }
        return deployment;
    }

    /** The running containers docker shows for a task. */
    private static List<String> containers(Task task) throws Exception {
        return Docker.run("ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + task.taskArn());
    }

    private static boolean running(Task task) {
        return "RUNNING".equals(task.lastStatus());
    }

    @Test
    void aDaemonRunsOneTaskThatIsReplacedRolledAdoptedAndStopped() throws Exception {
        String first = register("one");
        JsonNode created = cli().ecs("create-daemon", "--daemon-name", DAEMON, "--daemon-task-definition-arn", first,
                "--capacity-provider-arns", PROVIDER);
        String daemonArn = created.get("daemonArn").asText();
        assertThat(daemonArn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/default/" + DAEMON);
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");

        Task task = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst()), "the daemon task").getFirst();
        assertThat(task.taskDefinitionArn()).isEqualTo(first);
        assertThat(containers(task)).as("docker runs it").hasSize(1);
        JsonNode deployment = awaitDeployment(created.get("deploymentArn").asText(), "SUCCESSFUL");
        assertThat(deployment.at("/targetDaemonRevision/totalRunningInstanceCount").asInt()).isEqualTo(1);
        JsonNode daemon = cli().ecs("describe-daemon", "--daemon-arn", daemonArn).get("daemon");
        assertThat(daemon.at("/currentRevisions/0/totalRunningCount").asInt()).isEqualTo(1);
        assertThat(cli().ecs("list-daemons").findValuesAsText("daemonArn")).containsExactly(daemonArn);

        Docker.run("kill", containers(task).getFirst());
        Task replacement = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst())
                && !tasks.getFirst().taskArn().equals(task.taskArn()), "the replacement task").getFirst();
        assertThat(runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().getFirst().stopCodeAsString())
                .isEqualTo("EssentialContainerExited");
        assertThat(containers(replacement)).hasSize(1);

        String second = register("two");
        JsonNode updated = cli().ecs("update-daemon", "--daemon-arn", daemonArn, "--daemon-task-definition-arn",
                second, "--capacity-provider-arns", PROVIDER);
        assertThat(updated.get("deploymentArn").asText()).isNotEqualTo(created.get("deploymentArn").asText());
        Task rolled = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst())
                && tasks.getFirst().taskDefinitionArn().equals(second), "the rolled task").getFirst();
        assertThat(containers(rolled)).hasSize(1);
        assertThat(containers(replacement)).as("the old revision's container is gone").isEmpty();
        JsonNode rollout = awaitDeployment(updated.get("deploymentArn").asText(), "SUCCESSFUL");
        assertThat(rollout.at("/sourceDaemonRevisions/0/arn").asText())
                .isEqualTo(deployment.at("/targetDaemonRevision/arn").asText());
        assertThat(cli().ecs("list-daemon-deployments", "--daemon-arn", daemonArn)
                .findValuesAsText("daemonDeploymentArn")).containsExactly(updated.get("deploymentArn").asText(),
                created.get("deploymentArn").asText());

        runtime.restart();
        Thread.sleep(3_000);
        assertThat(live()).as("adopted after a restart, not duplicated").singleElement()
                .satisfies(t -> assertThat(t.taskArn()).isEqualTo(rolled.taskArn()));

        JsonNode deleted = cli().ecs("delete-daemon", "--daemon-arn", daemonArn);
        assertThat(deleted.get("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        awaitLive(List::isEmpty, "the daemon task to stop");
        long deadline = System.nanoTime() + WAIT.toNanos();
        AwsCli.Result described = cli().ecsResult("describe-daemon", "--daemon-arn", daemonArn);
        while (described.exitCode() == 0) {
            assertThat(System.nanoTime()).as("waited for the daemon to go").isLessThan(deadline);
            Thread.sleep(200);
            described = cli().ecsResult("describe-daemon", "--daemon-arn", daemonArn);
        }
        assertThat(described.error()).contains("DaemonNotFoundException");
        assertThat(containers(rolled)).as("docker no longer runs it").isEmpty();
    }
}
