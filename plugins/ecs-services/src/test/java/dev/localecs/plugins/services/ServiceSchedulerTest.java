package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's steps against the fake task service: counts, replacement, scale-in, rolling, draining. */
class ServiceSchedulerTest {
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context,
            ServiceStore.of(fixture.context));

    private void step() {
        scheduler.reconcileAll();
    }

    private List<String> events(JsonNode service) {
        List<String> messages = new ArrayList<>();
        service.get("events").forEach(event -> messages.add(event.get("message").asText()));
        return messages;
    }

    @Test
    void startsTheDesiredCountThenReachesASteadyState() {
        String deployment = fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":3,"
                + "\"enableECSManagedTags\":true}").at("/deployments/0/id").asText();
        step();

        List<RunTaskSpec> launches = fixture.context.tasks().launches();
        assertThat(launches).hasSize(3).allSatisfy(spec -> {
            assertThat(spec.startedBy()).contains(deployment);
            assertThat(spec.group()).isEqualTo("service:web");
            assertThat(spec.launchType()).isEqualTo("EC2");
            assertThat(spec.tags()).extracting(tag -> tag.key() + "=" + tag.value())
                    .containsExactly("aws:ecs:clusterName=default", "aws:ecs:serviceName=web");
        });
        JsonNode service = fixture.describe("web");
        assertThat(service.get("pendingCount").asInt()).isEqualTo(3);
        assertThat(service.get("runningCount").asInt()).isZero();
        assertThat(events(service)).singleElement().asString().matches(
                "\\(service web\\) has started 3 tasks: \\(task [0-9a-f]{32}\\) \\(task [0-9a-f]{32}\\) "
                        + "\\(task [0-9a-f]{32}\\)\\.");

        fixture.runAll("web");
        step();
        service = fixture.describe("web");
        assertThat(service.get("runningCount").asInt()).isEqualTo(3);
        assertThat(service.get("pendingCount").asInt()).isZero();
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(service.at("/deployments/0/rolloutStateReason").asText())
                .isEqualTo("ECS deployment " + deployment + " completed.");
        assertThat(events(service)).as("newest first").startsWith("(service web) has reached a steady state.",
                "(service web) (deployment " + deployment + ") deployment completed.");

        step();
        assertThat(fixture.context.tasks().launches()).as("nothing more to start").hasSize(3);
        assertThat(events(fixture.describe("web"))).as("the steady state is announced once").hasSize(3);
    }

    @Test
    void replacesAStoppedTaskAndScalesInNewestFirst() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":3}");
        step();
        fixture.runAll("web");
        step();
        Task victim = fixture.live("web").get(1);
        fixture.context.tasks().change(id(victim), Map.of("desiredStatus", "STOPPED", "lastStatus", "STOPPED",
                "stopCode", "EssentialContainerExited"));
        scheduler.onTaskChange(fixture.context.tasks().find("default", id(victim)).orElseThrow());
        step();
        assertThat(fixture.context.tasks().launches()).as("the stopped task is replaced").hasSize(4);
        assertThat(fixture.live("web")).hasSize(3);
        fixture.runAll("web");
        step();

        fixture.clock.advance(Duration.ofSeconds(1));
        List<Task> before = fixture.live("web");
        fixture.update("{\"service\":\"web\",\"desiredCount\":1}");
        step();
        List<Task> after = fixture.live("web");
        assertThat(after).hasSize(1);
        String deployment = fixture.describe("web").at("/deployments/0/id").asText();
        for (Task task : before) {
            Task now = fixture.context.tasks().find("default", id(task)).orElseThrow();
            if (!after.contains(now)) {
                assertThat(now.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment "
                        + deployment + ")");
            }
        }
        List<String> events = events(fixture.describe("web"));
        assertThat(events.get(1)).startsWith("(service web) has stopped 2 running tasks: ");
        assertThat(events.get(0)).as("the fake stops at once").isEqualTo("(service web) has reached a steady state.");
        assertThat(fixture.describe("web").get("runningCount").asInt()).isEqualTo(1);
    }

    @Test
    void rollsANewRevisionWithinMinimumHealthyAndMaximumPercent() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
        step();
        fixture.runAll("web");
        step();
        String old = fixture.describe("web").at("/deployments/0/id").asText();
        fixture.definition("web", "bridge");

        JsonNode updated = fixture.update("{\"service\":\"web\",\"taskDefinition\":\"web:2\"}");
        String primary = updated.at("/deployments/0/id").asText();
        assertThat(primary).isNotEqualTo(old);
        step();
        // maximumPercent 200: two new tasks start beside the two old ones; minimumHealthyPercent 100: none stops.
        assertThat(fixture.live("web")).hasSize(4);
        JsonNode service = fixture.describe("web");
        assertThat(service.at("/deployments/0/pendingCount").asInt()).isEqualTo(2);
        assertThat(service.at("/deployments/1/id").asText()).isEqualTo(old);
        assertThat(service.at("/deployments/1/status").asText()).isEqualTo("ACTIVE");
        assertThat(service.at("/deployments/1/runningCount").asInt()).isEqualTo(2);
        assertThat(service.get("taskDefinition").asText()).endsWith("web:2");

        fixture.runAll("web");
        step();
        service = fixture.describe("web");
        assertThat(fixture.live("web")).hasSize(2).allSatisfy(task -> assertThat(task.startedBy()).isEqualTo(primary));
        assertThat(service.get("deployments")).hasSize(1);
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(service.get("runningCount").asInt()).isEqualTo(2);
    }

    @Test
    void aLowMaximumPercentStopsOldTasksBeforeStartingNewOnes() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"deploymentConfiguration\":{\"maximumPercent\":100,\"minimumHealthyPercent\":50}}");
        step();
        fixture.runAll("web");
        step();
        fixture.update("{\"service\":\"web\",\"forceNewDeployment\":true}");
        step();
        JsonNode service = fixture.describe("web");
        assertThat(fixture.live("web")).as("never above 100% of 2").hasSize(2);
        assertThat(service.at("/deployments/0/pendingCount").asInt()).isEqualTo(1);
        assertThat(service.at("/deployments/1/runningCount").asInt()).as("50% stay healthy").isEqualTo(1);

        fixture.runAll("web");
        step();
        step();
        fixture.runAll("web");
        step();
        service = fixture.describe("web");
        assertThat(service.get("deployments")).hasSize(1);
        assertThat(service.get("runningCount").asInt()).isEqualTo(2);
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void deletingDrainsTheTasksThenTheServiceIsInactive() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
        step();
        fixture.runAll("web");
        step();
        fixture.delete("{\"service\":\"web\",\"force\":true}");
        step();
        assertThat(fixture.live("web")).isEmpty();
        JsonNode service = fixture.describe("web");
        assertThat(service.get("status").asText()).isEqualTo("INACTIVE");
        assertThat(fixture.context.services().count("default", "EC2", "INACTIVE")).isEqualTo(1);
        assertThat(fixture.context.services().count("default", "EC2", "ACTIVE")).isZero();
        step();
        assertThat(fixture.context.tasks().launches()).as("an inactive service starts nothing").hasSize(2);

        JsonNode again = fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        assertThat(again.get("status").asText()).as("the name is free again").isEqualTo("ACTIVE");
        step();
        assertThat(fixture.live("web")).hasSize(1);
    }

    @Test
    void tasksThatFailToStartAreCountedAndRetriedWithBackoff() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        step();
        Task failed = fixture.live("web").getFirst();
        fixture.context.tasks().change(id(failed), Map.of("desiredStatus", "STOPPED", "lastStatus", "STOPPED",
                "stopCode", "TaskFailedToStart", "stoppedReason", "CannotPullContainerError: pull access denied"));
        scheduler.onTaskChange(fixture.context.tasks().find("default", id(failed)).orElseThrow());
        step();
        assertThat(fixture.describe("web").at("/deployments/0/failedTasks").asInt()).isEqualTo(1);
        assertThat(fixture.context.tasks().launches()).as("backing off").hasSize(1);

        fixture.clock.advance(Duration.ofSeconds(6));
        step();
        assertThat(fixture.context.tasks().launches()).as("retried after the backoff").hasSize(2);
    }

    @Test
    void anUnhealthyTaskIsReplacedAfterTheGracePeriod() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"healthCheckGracePeriodSeconds\":60}");
        step();
        fixture.runAll("web");
        step();
        Task sick = fixture.live("web").getFirst();
        fixture.context.tasks().change(id(sick), Map.of("healthStatus", "UNHEALTHY"));
        step();
        assertThat(fixture.context.tasks().launches()).as("within the grace period").hasSize(2);

        fixture.clock.advance(Duration.ofSeconds(61));
        step();
        Task stopped = fixture.context.tasks().find("default", id(sick)).orElseThrow();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(fixture.context.tasks().launches()).as("replaced").hasSize(3);
        assertThat(fixture.live("web")).hasSize(2).noneMatch(task -> task.taskArn().equals(sick.taskArn()));
        assertThat(events(fixture.describe("web"))).anySatisfy(message -> assertThat(message)
                .isEqualTo("(service web) has stopped 1 running tasks: (task " + id(sick) + ")."));
    }

    @Test
    void theWorkerStartsTasksOnItsOwnAndStops() throws InterruptedException {
        ServiceSchedulerWorker worker = new ServiceSchedulerWorker(fixture.context);
        worker.start();
        try {
            fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fixture.live("web").size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(fixture.live("web")).hasSize(2);
            fixture.runAll("web");
            Task stopped = fixture.live("web").getFirst();
            fixture.context.tasks().stop("default", id(stopped), java.util.Optional.empty());
            while (!fixture.live("web").stream().allMatch(task -> !task.taskArn().equals(stopped.taskArn()))
                    || fixture.live("web").size() < 2) {
                assertThat(System.nanoTime()).as("the stopped task is replaced").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(fixture.context.tasks().launches()).hasSize(3);
            assertThat(worker.problem()).isEmpty();
        } finally {
            worker.stop();
        }
    }
}
