package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.Task;
import dev.localecs.testing.FakeContainerInstances;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DAEMON services over several container instances (a multi-machine engine's nodes): one task on each ACTIVE
 * instance that meets the service's constraints, desiredCount following them, tasks stopped where they no longer
 * belong.
 */
class DaemonServiceSchedulerTest {
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context,
            ServiceStore.of(fixture.context));
    private final FakeContainerInstances instances = fixture.context.containerInstances();
    private final String a = instances.addInstance("default", "node-a", Map.of("role", "agent"));
    private final String b = instances.addInstance("default", "node-b", Map.of());
    private final String c = instances.addInstance("default", "node-c", Map.of("role", "agent"));

    private void step() {
        scheduler.reconcileAll();
    }

    private List<String> instancesOf(List<Task> tasks) {
        return tasks.stream().map(Task::containerInstanceArn).toList();
    }

    private Task on(String instance) {
        return fixture.live("agent").stream().filter(task -> instance.equals(task.containerInstanceArn()))
                .findFirst().orElseThrow();
    }

    @Test
    void runsOneTaskOnEachActiveInstanceAndReachesASteadyState() {
        JsonNode created = fixture.create("{\"serviceName\":\"agent\",\"taskDefinition\":\"web\","
                + "\"schedulingStrategy\":\"DAEMON\"}");
        assertThat(created.get("desiredCount").asInt()).isEqualTo(3);
        step();
        assertThat(instancesOf(fixture.live("agent"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(fixture.context.tasks().launches()).allSatisfy(spec -> assertThat(spec.placement().constraints())
                .anySatisfy(constraint -> assertThat(constraint.type()).isEqualTo("distinctInstance")));
        fixture.runAll("agent");
        step();
        step();
        JsonNode service = fixture.describe("agent");
        assertThat(service.get("desiredCount").asInt()).isEqualTo(3);
        assertThat(service.get("runningCount").asInt()).isEqualTo(3);
        assertThat(service.at("/events/0/message").asText()).isEqualTo("(service agent) has reached a steady state.");
        assertThat(fixture.context.tasks().launches()).as("no second task on any instance").hasSize(3);
    }

    @Test
    void aDrainedInstanceLosesItsTaskAfterItsOtherTasksAndTheDesiredCountDrops() {
        fixture.create("{\"serviceName\":\"agent\",\"taskDefinition\":\"web\",\"schedulingStrategy\":\"DAEMON\"}");
        step();
        fixture.runAll("agent");
        step();
        Task other = fixture.context.tasks().runningOn("default", b, "family:web");
        Task onB = on(b);

        instances.updateStatus("default", b, "DRAINING");
        step();
        assertThat(fixture.describe("agent").get("desiredCount").asInt()).isEqualTo(2);
        assertThat(fixture.context.tasks().find("default", id(onB)).orElseThrow().desiredStatus())
                .as("a daemon task stops after the instance's other tasks").isEqualTo("RUNNING");

        fixture.context.tasks().stop("default", id(other), java.util.Optional.empty());
        step();
        assertThat(fixture.context.tasks().find("default", id(onB)).orElseThrow().desiredStatus())
                .isEqualTo("STOPPED");
        assertThat(instancesOf(fixture.live("agent"))).containsExactlyInAnyOrder(a, c);

        Task onC = on(c);
        instances.deregister("default", c, true);
        step();
        assertThat(fixture.context.tasks().find("default", id(onC)).orElseThrow().desiredStatus())
                .as("a deregistered instance's task stops at once").isEqualTo("STOPPED");
        assertThat(instancesOf(fixture.live("agent"))).containsExactly(a);
        assertThat(fixture.describe("agent").get("desiredCount").asInt()).isEqualTo(1);
        assertThat(fixture.context.tasks().launches()).as("nothing started in their place").hasSize(3);
    }

    @Test
    void aMemberOfConstraintLimitsTheInstancesAndFollowsTheirAttributes() {
        JsonNode created = fixture.create("{\"serviceName\":\"agent\",\"taskDefinition\":\"web\","
                + "\"schedulingStrategy\":\"DAEMON\",\"placementConstraints\":[{\"type\":\"memberOf\","
                + "\"expression\":\"attribute:role == agent\"}]}");
        assertThat(created.get("desiredCount").asInt()).isEqualTo(2);
        step();
        assertThat(instancesOf(fixture.live("agent"))).containsExactlyInAnyOrder(a, c);

        instances.putAttributes("default", List.of(new Attribute("role", "agent", "container-instance", b)));
        step();
        assertThat(instancesOf(fixture.live("agent"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(fixture.describe("agent").get("desiredCount").asInt()).isEqualTo(3);

        Task onA = on(a);
        instances.deleteAttributes("default", List.of(new Attribute("role", null, "container-instance", a)));
        step();
        assertThat(fixture.context.tasks().find("default", id(onA)).orElseThrow().desiredStatus())
                .isEqualTo("STOPPED");
        assertThat(instancesOf(fixture.live("agent"))).containsExactlyInAnyOrder(b, c);
        assertThat(fixture.describe("agent").get("desiredCount").asInt()).isEqualTo(2);
    }

    @Test
    void aForcedDeploymentReplacesEachInstancesTaskWithoutTwoOnOneInstance() {
        fixture.create("{\"serviceName\":\"agent\",\"taskDefinition\":\"web\",\"schedulingStrategy\":\"DAEMON\"}");
        step();
        fixture.runAll("agent");
        step();
        List<Task> old = fixture.live("agent");
        fixture.update("{\"service\":\"agent\",\"forceNewDeployment\":true}");
        step();
        step();
        List<Task> now = fixture.live("agent");
        assertThat(now).hasSize(3).noneMatch(old::contains);
        assertThat(instancesOf(now)).containsExactlyInAnyOrder(a, b, c);
    }
}
