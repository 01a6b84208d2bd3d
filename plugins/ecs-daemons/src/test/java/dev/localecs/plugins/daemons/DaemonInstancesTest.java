package dev.localecs.plugins.daemons;

import static dev.localecs.plugins.daemons.DaemonFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.model.Task;
import dev.localecs.testing.FakeContainerInstances;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A daemon over several container instances (a multi-machine engine's nodes): one task placed on each. */
class DaemonInstancesTest {
    private final DaemonFixture fixture = new DaemonFixture();
    private final DaemonScheduler scheduler = new DaemonScheduler(fixture.context, DaemonStore.of(fixture.context));
    private final FakeContainerInstances instances = fixture.context.containerInstances();
    private final String a = instances.addInstance("default", "node-a", Map.of());
    private final String b = instances.addInstance("default", "node-b", Map.of());

    private void step() {
        scheduler.reconcileAll();
    }

    private List<String> instancesOf(List<Task> tasks) {
        return tasks.stream().map(Task::containerInstanceArn).toList();
    }

    private Task on(String instance) {
        return fixture.live().stream().filter(task -> instance.equals(task.containerInstanceArn())).findFirst()
                .orElseThrow();
    }

    @Test
    void runsOneTaskOnEachInstanceAndSucceedsOnceBothRun() {
        JsonNode created = fixture.create("monitor", fixture.register("agent", "busybox"));
        String deploymentArn = created.get("deploymentArn").asText();
        step();
        step();
        assertThat(instancesOf(fixture.live())).containsExactlyInAnyOrder(a, b);
        assertThat(fixture.context.tasks().launches()).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.placement().machine()).isPresent();
            assertThat(spec.placement().constraints()).anySatisfy(c -> assertThat(c.type())
                    .isEqualTo("distinctInstance"));
        });
        fixture.running(on(a));
        step();
        JsonNode deployment = fixture.deployment(deploymentArn);
        assertThat(deployment.get("status").asText()).as("one instance still without its task")
                .isEqualTo("IN_PROGRESS");
        assertThat(deployment.at("/targetDaemonRevision/totalRunningInstanceCount").asInt()).isEqualTo(1);
        assertThat(deployment.at("/targetDaemonRevision/totalWithoutDaemonInstanceCount").asInt()).isEqualTo(1);

        fixture.running(on(b));
        step();
        deployment = fixture.deployment(deploymentArn);
        assertThat(deployment.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(deployment.at("/targetDaemonRevision/totalRunningInstanceCount").asInt()).isEqualTo(2);
        assertThat(deployment.at("/targetDaemonRevision/totalWithoutDaemonInstanceCount").asInt()).isZero();
        assertThat(fixture.describe(created.get("daemonArn").asText()).at("/currentRevisions/0/totalRunningCount")
                .asInt()).isEqualTo(2);
    }

    @Test
    void aDrainedInstanceLosesItsTaskAfterItsOtherTasksAndARegisteredOneGetsOne() {
        fixture.create("monitor", fixture.register("agent", "busybox"));
        step();
        fixture.live().forEach(fixture::running);
        step();
        Task other = fixture.context.tasks().runningOn("default", b, "family:web");
        Task onB = on(b);

        instances.updateStatus("default", b, "DRAINING");
        step();
        assertThat(fixture.context.tasks().find("default", id(onB)).orElseThrow().desiredStatus())
                .as("a daemon task stops after the instance's other tasks").isEqualTo("RUNNING");
        fixture.context.tasks().stop("default", id(other), java.util.Optional.empty());
        step();
        assertThat(fixture.context.tasks().find("default", id(onB)).orElseThrow().desiredStatus())
                .isEqualTo("STOPPED");
        assertThat(instancesOf(fixture.live())).containsExactly(a);
        assertThat(fixture.context.tasks().launches()).as("nothing started in its place").hasSize(2);

        instances.updateStatus("default", b, "ACTIVE");
        step();
        assertThat(instancesOf(fixture.live())).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aRolloutReplacesTheTaskOnEveryInstance() {
        String daemonArn = fixture.create("monitor", fixture.register("agent", "busybox:1")).get("daemonArn").asText();
        step();
        fixture.live().forEach(fixture::running);
        step();
        String second = fixture.update(daemonArn, fixture.register("agent", "busybox:2")).get("deploymentArn")
                .asText();
        step();
        assertThat(fixture.live()).hasSize(2).allSatisfy(task -> assertThat(task.taskDefinitionArn())
                .endsWith("daemon-task-definition/agent:2"));
        assertThat(instancesOf(fixture.live())).containsExactlyInAnyOrder(a, b);
        fixture.live().forEach(fixture::running);
        step();
        assertThat(fixture.deployment(second).get("status").asText()).isEqualTo("SUCCESSFUL");
    }
}
