package dev.localecs.plugins.daemons;

import static dev.localecs.plugins.daemons.DaemonFixture.id;
import static dev.localecs.plugins.daemons.DaemonFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon actions and the scheduler's steps against the fake task service. */
class DaemonSchedulerTest {
    private final DaemonFixture fixture = new DaemonFixture();
    private final DaemonScheduler scheduler = new DaemonScheduler(fixture.context, DaemonStore.of(fixture.context));

    private void step() {
        scheduler.reconcileAll();
    }

    /** Tells the scheduler about a task change, as the worker's subscription does. */
    private void changed(Task task) {
        scheduler.onTaskChange(task).ifPresent(scheduler::reconcile);
    }

    @Test
    void createAnswersEcsArnsAndTheSchedulerRunsOneTaskUntilTheDeploymentSucceeds() {
        String definition = fixture.register("agent", "busybox");
        JsonNode created = fixture.create("monitor", definition);
        String daemonArn = created.get("daemonArn").asText();
        assertThat(daemonArn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/default/monitor");
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("deploymentArn").asText())
                .matches("arn:aws:ecs:us-east-1:000000000000:daemon-deployment/default/monitor/[A-Za-z0-9]{21}");
        String deploymentArn = created.get("deploymentArn").asText();
        assertThat(fixture.deployment(deploymentArn).get("status").asText()).isEqualTo("PENDING");

        step();
        step();
        List<RunTaskSpec> launches = fixture.context.tasks().launches();
        assertThat(launches).as("one task, however often the scheduler looks").singleElement().satisfies(spec -> {
            assertThat(spec.group()).isEqualTo("daemon:monitor");
            assertThat(spec.startedBy()).contains(deploymentArn.substring(deploymentArn.lastIndexOf('/') + 1));
            assertThat(spec.taskDefinition().taskDefinitionArn()).isEqualTo(definition);
            assertThat(spec.capacityProviderName()).contains("local");
        });
        JsonNode deployment = fixture.deployment(deploymentArn);
        assertThat(deployment.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(deployment.at("/targetDaemonRevision/totalRunningInstanceCount").asInt()).isZero();

        fixture.running(fixture.live().getFirst());
        step();
        deployment = fixture.deployment(deploymentArn);
        assertThat(deployment.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(deployment.get("statusReason").asText()).isEqualTo("Daemon deployment completed.");
        assertThat(deployment.has("finishedAt")).isTrue();
        assertThat(deployment.at("/targetDaemonRevision/totalRunningInstanceCount").asInt()).isEqualTo(1);
        JsonNode daemon = fixture.describe(daemonArn);
        assertThat(daemon.at("/currentRevisions/0/totalRunningCount").asInt()).isEqualTo(1);
        assertThat(daemon.at("/currentRevisions/0/capacityProviders/0/arn").asText()).isEqualTo(DaemonFixture.PROVIDER);
        assertThat(daemon.get("clusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/default");
    }

    @Test
    void aStoppedTaskIsReplacedUnderTheSameRevision() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox")).get("daemonArn").asText();
        step();
        Task first = fixture.live().getFirst();
        fixture.running(first);
        step();
        Task stopped = fixture.context.tasks().change(id(first), Map.of("lastStatus", "STOPPED", "desiredStatus",
                "STOPPED", "stopCode", "EssentialContainerExited"));
        changed(stopped);

        assertThat(fixture.live()).singleElement().satisfies(task -> {
            assertThat(task.taskArn()).isNotEqualTo(first.taskArn());
            assertThat(task.startedBy()).isEqualTo(first.startedBy());
        });
        assertThat(fixture.describe(daemonArn).at("/currentRevisions/0/totalRunningCount").asInt()).isZero();
    }

    @Test
    void updateRollsTheTaskToANewRevisionWithANewDeployment() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox:1")).get("daemonArn").asText();
        step();
        Task first = fixture.live().getFirst();
        fixture.running(first);
        step();
        String firstDeployment = fixture.describe(daemonArn).get("deploymentArn").asText();

        JsonNode updated = fixture.update(daemonArn, fixture.register("agent", "busybox:2"));
        String secondDeployment = updated.get("deploymentArn").asText();
        assertThat(secondDeployment).isNotEqualTo(firstDeployment);
        assertThat(updated.get("updatedAt").asDouble()).isGreaterThanOrEqualTo(updated.get("createdAt").asDouble());
        step();

        assertThat(fixture.context.tasks().find("default", id(first)).orElseThrow().desiredStatus())
                .as("the old task is stopped").isEqualTo("STOPPED");
        Task second = fixture.live().getFirst();
        assertThat(second.taskDefinitionArn()).endsWith("daemon-task-definition/agent:2");
        assertThat(second.startedBy()).isEqualTo(secondDeployment.substring(secondDeployment.lastIndexOf('/') + 1));
        fixture.running(second);
        step();

        JsonNode deployment = fixture.deployment(secondDeployment);
        assertThat(deployment.get("status").asText()).isEqualTo("SUCCESSFUL");
        String firstRevision = fixture.deployment(firstDeployment).at("/targetDaemonRevision/arn").asText();
        assertThat(deployment.at("/sourceDaemonRevisions/0/arn").asText()).isEqualTo(firstRevision);
        assertThat(fixture.deployment(firstDeployment).get("status").asText()).isEqualTo("SUCCESSFUL");

        JsonNode revisions = fixture.context.call(new DescribeDaemonRevisionsAction(fixture.context),
                "{\"daemonRevisionArns\":[\"" + deployment.at("/targetDaemonRevision/arn").asText() + "\",\""
                        + firstRevision + "\",\"arn:aws:ecs:us-east-1:000000000000:daemon-revision/default/x/y\"]}");
        assertThat(revisions.findValuesAsText("image")).containsExactly("busybox:2", "busybox:1");
        assertThat(revisions.at("/failures/0/reason").asText()).isEqualTo("MISSING");

        JsonNode listed = fixture.context.call(new ListDaemonDeploymentsAction(fixture.context),
                "{\"daemonArn\":\"" + daemonArn + "\"}");
        assertThat(listed.findValuesAsText("daemonDeploymentArn")).as("newest first")
                .containsExactly(secondDeployment, firstDeployment);
        assertThat(fixture.context.call(new ListDaemonDeploymentsAction(fixture.context), "{\"daemonArn\":\""
                + daemonArn + "\",\"status\":[\"IN_PROGRESS\"]}").get("daemonDeployments")).isEmpty();
    }

    @Test
    void theNewRevisionStartsOnlyOnceTheOldTaskHasReallyStopped() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox:1")).get("daemonArn").asText();
        step();
        Task first = fixture.live().getFirst();
        fixture.running(first);
        step();
        fixture.update(daemonArn, fixture.register("agent", "busybox:2"));
        // the engine is still stopping the old task (SIGTERM sent, container not yet gone)
        fixture.context.tasks().change(id(first), Map.of("desiredStatus", "STOPPED"));
        step();
        assertThat(fixture.context.tasks().launches()).as("no second copy while the old one stops").hasSize(1);
        assertThat(fixture.deployment(fixture.describe(daemonArn).get("deploymentArn").asText()).get("status")
                .asText()).isEqualTo("IN_PROGRESS");

        changed(fixture.context.tasks().change(id(first), Map.of("lastStatus", "STOPPED")));
        assertThat(fixture.context.tasks().launches()).hasSize(2);
        assertThat(fixture.live()).singleElement().satisfies(task -> assertThat(task.taskDefinitionArn())
                .endsWith("daemon-task-definition/agent:2"));
    }

    @Test
    void anUpdateDuringADeploymentStopsTheUnfinishedOne() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox:1")).get("daemonArn").asText();
        step();
        String first = fixture.describe(daemonArn).get("deploymentArn").asText();
        fixture.update(daemonArn, fixture.register("agent", "busybox:2"));
        JsonNode stopped = fixture.deployment(first);
        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("statusReason").asText()).startsWith("Daemon deployment superseded by ");
        assertThat(stopped.has("stoppedAt")).isTrue();
    }

    @Test
    void deleteStopsTheTaskThenForgetsTheDaemon() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox")).get("daemonArn").asText();
        step();
        fixture.running(fixture.live().getFirst());
        step();
        JsonNode deleted = fixture.context.call(new DeleteDaemonAction(fixture.context),
                "{\"daemonArn\":\"" + daemonArn + "\"}");
        assertThat(deleted.get("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(fixture.describe(daemonArn).get("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        refused(() -> fixture.update(daemonArn, "agent"), ErrorCode.DAEMON_NOT_ACTIVE, "isn't active");
        refused(() -> fixture.context.call(new DeleteDaemonAction(fixture.context), "{\"daemonArn\":\""
                + daemonArn + "\"}"), ErrorCode.DAEMON_NOT_ACTIVE, "isn't active");

        step();
        assertThat(fixture.live()).isEmpty();
        step();
        refused(() -> fixture.describe(daemonArn), ErrorCode.DAEMON_NOT_FOUND, "The specified daemon wasn't found.");
        assertThat(fixture.create("monitor", "agent").get("daemonArn").asText()).as("the name is free again")
                .isEqualTo(daemonArn);
    }

    @Test
    void tasksThatFailToStartAreCountedAndRetriedWithBackoff() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox")).get("daemonArn").asText();
        step();
        Task failed = fixture.live().getFirst();
        changed(fixture.context.tasks().change(id(failed), Map.of("lastStatus", "STOPPED", "desiredStatus", "STOPPED",
                "stopCode", "TaskFailedToStart")));
        assertThat(fixture.live()).as("not retried before the backoff").isEmpty();
        assertThat(fixture.deployment(fixture.describe(daemonArn).get("deploymentArn").asText())
                .at("/circuitBreaker/failureCount").asInt()).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(2));
        step();
        assertThat(fixture.live()).as("retried after it").hasSize(1);
    }

    @Test
    void createIsCheckedAsEcsChecksIt() {
        String definition = fixture.register("agent", "busybox");
        fixture.create("monitor", definition);
        refused(() -> fixture.create("monitor", definition), ErrorCode.INVALID_PARAMETER,
                "Creation of daemon was not idempotent");
        refused(() -> fixture.create("bad name", definition), ErrorCode.INVALID_PARAMETER, "Invalid daemon name");
        refused(() -> fixture.create("other", "missing"), ErrorCode.CLIENT_EXCEPTION,
                "Unable to describe daemon task definition.");
        refused(() -> fixture.context.call(new CreateDaemonAction(fixture.context), "{\"daemonName\":\"x\","
                + "\"daemonTaskDefinitionArn\":\"agent\",\"capacityProviderArns\":[]}"), ErrorCode.INVALID_PARAMETER,
                "capacityProviderArns must contain at least one capacity provider.");
        refused(() -> fixture.context.call(new CreateDaemonAction(fixture.context), "{\"daemonName\":\"x\","
                + "\"clusterArn\":\"nope\",\"daemonTaskDefinitionArn\":\"agent\",\"capacityProviderArns\":[\"cp\"]}"),
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        refused(() -> fixture.context.call(new CreateDaemonAction(fixture.context), "{\"daemonName\":\"x\","
                + "\"daemonTaskDefinitionArn\":\"agent\",\"capacityProviderArns\":[\"cp\"],"
                + "\"deploymentConfiguration\":{\"drainPercent\":150}}"), ErrorCode.INVALID_PARAMETER,
                "drainPercent must be between 0 and 100");
        refused(() -> fixture.describe("arn:aws:ecs:us-east-1:000000000000:daemon/default/nope"),
                ErrorCode.DAEMON_NOT_FOUND, "The specified daemon wasn't found.");
        refused(() -> fixture.describe("monitor"), ErrorCode.INVALID_PARAMETER, "Invalid daemon ARN 'monitor'");
    }

    @Test
    void aRepeatedCreateWithTheSameClientTokenAnswersTheSameDaemon() {
        fixture.register("agent", "busybox");
        String body = "{\"daemonName\":\"m\",\"daemonTaskDefinitionArn\":\"agent\",\"capacityProviderArns\":[\"cp\"],"
                + "\"clientToken\":\"t1\"}";
        JsonNode first = fixture.context.call(new CreateDaemonAction(fixture.context), body);
        JsonNode again = fixture.context.call(new CreateDaemonAction(fixture.context), body);
        assertThat(again.get("deploymentArn")).isEqualTo(first.get("deploymentArn"));
    }

    @Test
    void listDaemonsFiltersByClusterAndCapacityProvider() {
        fixture.context.clusters().put(fixture.context.json().convertValue(Map.of("clusterName", "other",
                "clusterArn", fixture.context.arns().cluster("other"), "status", "ACTIVE"),
                dev.localecs.api.model.Cluster.class));
        fixture.register("agent", "busybox");
        fixture.create("a", "agent");
        fixture.context.call(new CreateDaemonAction(fixture.context), "{\"daemonName\":\"b\",\"clusterArn\":"
                + "\"other\",\"daemonTaskDefinitionArn\":\"agent\",\"capacityProviderArns\":[\"cp-b\"]}");
        var list = new ListDaemonsAction(fixture.context);
        assertThat(fixture.context.call(list, "{}").findValuesAsText("daemonArn")).hasSize(2);
        assertThat(fixture.context.call(list, "{\"clusterArn\":\"other\"}").findValuesAsText("daemonArn"))
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:daemon/other/b");
        assertThat(fixture.context.call(list, "{\"capacityProviderArns\":[\"" + DaemonFixture.PROVIDER + "\"]}")
                .findValuesAsText("daemonArn")).containsExactly("arn:aws:ecs:us-east-1:000000000000:daemon/default/a");
        refused(() -> fixture.context.call(list, "{\"clusterArn\":\"missing\"}"), ErrorCode.CLUSTER_NOT_FOUND,
                "Cluster not found.");
    }
}
