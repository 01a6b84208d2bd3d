package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonNotFoundException;
import software.amazon.awssdk.services.ecs.model.DaemonStatus;
import software.amazon.awssdk.services.ecs.model.DaemonSummary;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentSummary;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A daemon on the real Docker engine through the AWS SDK for Java v2 (the AWS CLI v2 and boto3 of this machine,
 * /usr/bin/aws 2.9.19 and botocore 1.29, predate the daemon operations): its one task really runs (docker sees its container),
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

    private String register(String marker) {
        String command = "trap 'exit 0' TERM; echo " + marker + "; while true; do sleep 1; done";
        return runtime.ecs().registerDaemonTaskDefinition(r -> r.family(FAMILY).containerDefinitions(
                DaemonContainerDefinition.builder().name("agent").image(TestImages.BUSYBOX).memory(32).stopTimeout(2)
                        .command("sh", "-c", command).build())).daemonTaskDefinitionArn();
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

    private DaemonDeployment deployment(String arn) {
        return runtime.ecs().describeDaemonDeployments(r -> r.daemonDeploymentArns(arn)).daemonDeployments()
                .getFirst();
    }

    private DaemonDeployment awaitDeployment(String arn, DaemonDeploymentStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        DaemonDeployment deployment = deployment(arn);
        while (deployment.status() != status) {
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
        var created = runtime.ecs().createDaemon(r -> r.daemonName(DAEMON).daemonTaskDefinitionArn(first)
                .capacityProviderArns(PROVIDER));
        String daemonArn = created.daemonArn();
        assertThat(daemonArn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/default/" + DAEMON);
        assertThat(created.status()).isEqualTo(DaemonStatus.ACTIVE);

        Task task = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst()), "the daemon task").getFirst();
        assertThat(task.taskDefinitionArn()).isEqualTo(first);
        assertThat(containers(task)).as("docker runs it").hasSize(1);
        DaemonDeployment deployment = awaitDeployment(created.deploymentArn(), DaemonDeploymentStatus.SUCCESSFUL);
        assertThat(deployment.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(1);
        DaemonDetail daemon = runtime.ecs().describeDaemon(r -> r.daemonArn(daemonArn)).daemon();
        assertThat(daemon.currentRevisions()).singleElement()
                .satisfies(revision -> assertThat(revision.totalRunningCount()).isEqualTo(1));
        assertThat(runtime.ecs().listDaemons(r -> { }).daemonSummariesList()).extracting(DaemonSummary::daemonArn)
                .containsExactly(daemonArn);

        Docker.run("kill", containers(task).getFirst());
        Task replacement = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst())
                && !tasks.getFirst().taskArn().equals(task.taskArn()), "the replacement task").getFirst();
        assertThat(runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().getFirst().stopCodeAsString())
                .isEqualTo("EssentialContainerExited");
        assertThat(containers(replacement)).hasSize(1);

        String second = register("two");
        var updated = runtime.ecs().updateDaemon(r -> r.daemonArn(daemonArn).daemonTaskDefinitionArn(second)
                .capacityProviderArns(PROVIDER));
        assertThat(updated.deploymentArn()).isNotEqualTo(created.deploymentArn());
        Task rolled = awaitLive(tasks -> tasks.size() == 1 && running(tasks.getFirst())
                && tasks.getFirst().taskDefinitionArn().equals(second), "the rolled task").getFirst();
        assertThat(containers(rolled)).hasSize(1);
        assertThat(containers(replacement)).as("the old revision's container is gone").isEmpty();
        DaemonDeployment rollout = awaitDeployment(updated.deploymentArn(), DaemonDeploymentStatus.SUCCESSFUL);
        assertThat(rollout.sourceDaemonRevisions()).singleElement().satisfies(revision -> assertThat(revision.arn())
                .isEqualTo(deployment.targetDaemonRevision().arn()));
        assertThat(runtime.ecs().listDaemonDeployments(r -> r.daemonArn(daemonArn)).daemonDeployments())
                .extracting(DaemonDeploymentSummary::daemonDeploymentArn)
                .containsExactly(updated.deploymentArn(), created.deploymentArn());

        runtime.restart();
        Thread.sleep(3_000);
        assertThat(live()).as("adopted after a restart, not duplicated").singleElement()
                .satisfies(t -> assertThat(t.taskArn()).isEqualTo(rolled.taskArn()));

        var deleted = runtime.ecs().deleteDaemon(r -> r.daemonArn(daemonArn));
        assertThat(deleted.status()).isEqualTo(DaemonStatus.DELETE_IN_PROGRESS);
        awaitLive(List::isEmpty, "the daemon task to stop");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                runtime.ecs().describeDaemon(r -> r.daemonArn(daemonArn));
            } catch (DaemonNotFoundException e) {
                break;
            }
            assertThat(System.nanoTime()).as("waited for the daemon to go").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(containers(rolled)).as("docker no longer runs it").isEmpty();
    }
}
