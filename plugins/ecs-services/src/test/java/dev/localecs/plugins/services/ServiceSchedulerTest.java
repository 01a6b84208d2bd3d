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
    void listenersHearOfATaskTheSchedulerStopsWhileItStillRuns() throws Exception {
        Map<String, String> heard = new java.util.concurrent.ConcurrentHashMap<>();
        AutoCloseable registration = ServiceTaskListeners.of(fixture.context).add(new ServiceTaskListener() {
            @Override
            public void stopping(StoredService service, Task task, String reason) {
                Task now = fixture.context.tasks().find("default", id(task)).orElseThrow();
                heard.put(id(task), service.serviceName() + " " + now.desiredStatus() + " " + reason);
            }
        });
        try {
            fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
            step();
            fixture.runAll("web");
            step();
            fixture.update("{\"service\":\"web\",\"desiredCount\":1}");
            step();
        } finally {
            registration.close();
        }
        String deployment = fixture.describe("web").at("/deployments/0/id").asText();
        assertThat(heard.entrySet()).singleElement().satisfies(entry -> {
            assertThat(entry.getValue()).isEqualTo("web RUNNING Scaling activity initiated by (deployment "
                    + deployment + ")");
            assertThat(fixture.context.tasks().find("default", entry.getKey()).orElseThrow().desiredStatus())
                    .isEqualTo("STOPPED");
        });
    }

    @Test
    void anEc2ServiceWithNowhereToPlaceItsTasksSaysSoOnceAndStartsThemWhenTheInstanceIsBack() {
        fixture.context.containerInstances().updateStatus("default",
                fixture.context.arns().localContainerInstance("default"), "DRAINING");
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
        step();
        fixture.update("{\"service\":\"web\",\"desiredCount\":3}");
        step();
        step();
        assertThat(fixture.context.tasks().launches()).isEmpty();
        JsonNode service = fixture.describe("web");
        assertThat(events(service)).containsOnlyOnce("(service web) was unable to place a task because no container "
                + "instance met all of its requirements.").noneMatch(message -> message.contains("failed to launch"));
        assertThat(service.at("/deployments/0/failedTasks").asInt()).as("not a task failure").isZero();

        fixture.context.containerInstances().updateStatus("default",
                fixture.context.arns().localContainerInstance("default"), "ACTIVE");
        step();
        assertThat(fixture.context.tasks().launches()).hasSize(3);
    }

    @Test
    void aFargateServiceIsNotPlacedOnTheContainerInstance() {
        fixture.context.containerInstances().updateStatus("default",
                fixture.context.arns().localContainerInstance("default"), "DRAINING");
        fixture.create("{\"serviceName\":\"vpc\",\"taskDefinition\":\"vpc\",\"desiredCount\":1,"
                + "\"launchType\":\"FARGATE\",\"networkConfiguration\":{\"awsvpcConfiguration\":"
                + "{\"subnets\":[\"subnet-1\"]}}}");
        step();
        assertThat(fixture.context.tasks().launches()).singleElement()
                .satisfies(spec -> assertThat(spec.launchType()).isEqualTo("FARGATE"));
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

    /** Stops every live task of a deployment as the engine does when its essential container exits at once. */
    private void failAll(String service, String deployment) {
        for (Task task : fixture.live(service).stream().filter(t -> deployment.equals(t.startedBy())).toList()) {
            fixture.context.tasks().change(id(task), Map.of("desiredStatus", "STOPPED", "lastStatus", "STOPPED",
                    "stopCode", "EssentialContainerExited", "stoppedReason", "Essential container in task exited"));
            scheduler.onTaskChange(fixture.context.tasks().find("default", id(task)).orElseThrow());
        }
    }

    private List<String> published(List<dev.localecs.api.EcsEvent> events) {
        return events.stream().map(event -> event.detailType() + " "
                + event.detail().replaceAll(".*\"eventName\":\"([A-Z_]+)\".*", "$1")).toList();
    }

    @Test
    void theThresholdIsHalfTheDesiredCountWithinThreeAndTwoHundred() {
        assertThat(CircuitBreaker.threshold(1)).isEqualTo(3);
        assertThat(CircuitBreaker.threshold(7)).isEqualTo(4);
        assertThat(CircuitBreaker.threshold(10)).isEqualTo(5);
        assertThat(CircuitBreaker.threshold(1000)).isEqualTo(200);
    }

    @Test
    void theCircuitBreakerFailsADeploymentAndRollsBackToTheLastCompletedRevision() {
        List<dev.localecs.api.EcsEvent> bus = new java.util.concurrent.CopyOnWriteArrayList<>();
        fixture.context.events().subscribe(bus::add);
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true}}}");
        step();
        fixture.runAll("web");
        step();
        assertThat(fixture.describe("web").at("/deployments/0/rolloutState").asText())
                .as("with the circuit breaker, tasks that just started do not complete a deployment")
                .isEqualTo("IN_PROGRESS");
        fixture.clock.advance(ServiceScheduler.STABLE_AFTER);
        step();
        assertThat(fixture.describe("web").at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
        String good = fixture.describe("web").at("/deployments/0/id").asText();
        List<Task> goodTasks = fixture.live("web");
        fixture.definition("web", "bridge");
        String bad = fixture.update("{\"service\":\"web\",\"taskDefinition\":\"web:2\"}").at("/deployments/0/id")
                .asText();
        step();
        assertThat(fixture.live("web")).hasSize(4);
        failAll("web", bad);
        step();
        // two failures of threshold 3; the failing revision's tasks are only retried after the backoff (5 s, 10 s)
        fixture.clock.advance(Duration.ofSeconds(6));
        step();
        assertThat(fixture.live("web")).as("still backing off").hasSize(2);
        fixture.clock.advance(Duration.ofSeconds(5));
        step();
        assertThat(fixture.describe("web").at("/deployments/0/failedTasks").asInt()).isEqualTo(2);
        assertThat(fixture.live("web")).as("retried: the 2 old tasks and 2 new ones").hasSize(4);
        failAll("web", bad);
        step();

        JsonNode service = fixture.describe("web");
        String rollback = service.at("/deployments/0/id").asText();
        assertThat(rollback).isNotIn(good, bad);
        assertThat(service.at("/deployments/0/status").asText()).isEqualTo("PRIMARY");
        assertThat(service.at("/deployments/0/taskDefinition").asText()).endsWith("web:1");
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("IN_PROGRESS");
        assertThat(service.get("taskDefinition").asText()).endsWith("web:1");
        JsonNode failed = service.get("deployments").findParents("id").stream()
                .filter(d -> d.get("id").asText().equals(bad)).findFirst().orElseThrow();
        assertThat(failed.get("rolloutState").asText()).isEqualTo("FAILED");
        assertThat(failed.get("rolloutStateReason").asText())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + rollback + ".");
        assertThat(events(service)).contains("(service web) (deployment " + bad
                + ") deployment failed: tasks failed to start.", "(service web) rolling back to deployment "
                + rollback + ".");
        assertThat(published(bus)).contains("ECS Deployment State Change SERVICE_DEPLOYMENT_FAILED",
                "ECS Deployment State Change SERVICE_DEPLOYMENT_IN_PROGRESS");

        step();
        assertThat(fixture.live("web")).as("the old tasks run on beside the rollback's, which the failed "
                        + "deployment's backoff does not hold back").hasSize(4)
                .filteredOn(task -> task.startedBy().equals(rollback)).hasSize(2)
                .allSatisfy(task -> assertThat(task.taskDefinitionArn()).endsWith("web:1"));
        fixture.runAll("web");
        step();
        fixture.clock.advance(ServiceScheduler.STABLE_AFTER);
        step();
        service = fixture.describe("web");
        assertThat(service.get("deployments")).hasSize(1);
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(fixture.live("web")).hasSize(2).noneMatch(goodTasks::contains);
        StoredService stored = ServiceStore.of(fixture.context).find("default", "web").orElseThrow();
        assertThat(stored.history()).extracting(DeploymentRecord::status)
                .containsExactly("ROLLBACK_SUCCESSFUL", "SUCCESSFUL");
        assertThat(stored.history().getFirst().rollback().revision()).isEqualTo(good.substring("ecs-svc/".length()));
        assertThat(published(bus)).contains("ECS Deployment State Change SERVICE_DEPLOYMENT_COMPLETED",
                "ECS Service Action SERVICE_STEADY_STATE");
    }

    @Test
    void withoutRollbackAFailedDeploymentLaunchesNoMoreTasks() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1,"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":false}}}");
        for (int attempt = 0; attempt < 3; attempt++) {
            step();
            assertThat(fixture.live("web")).as("attempt " + attempt).hasSize(1);
            failAll("web", fixture.describe("web").at("/deployments/0/id").asText());
            fixture.clock.advance(Duration.ofMinutes(1));
        }
        step();
        JsonNode service = fixture.describe("web");
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("FAILED");
        assertThat(service.at("/deployments/0/rolloutStateReason").asText())
                .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(service.at("/deployments/0/failedTasks").asInt()).isEqualTo(3);
        fixture.clock.advance(Duration.ofMinutes(10));
        step();
        assertThat(fixture.live("web")).as("a failed deployment starts nothing").isEmpty();
        assertThat(fixture.context.tasks().launches()).hasSize(3);
        assertThat(events(service)).contains("(service web) is unable to consistently start tasks successfully. For "
                + "more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
    }

    @Test
    void aDaemonServiceRunsOneTaskAndAForcedDeploymentReplacesItWithoutAnOverlap() {
        JsonNode created = fixture.create("{\"serviceName\":\"agent\",\"taskDefinition\":\"web\","
                + "\"schedulingStrategy\":\"DAEMON\"}");
        assertThat(created.get("desiredCount").asInt()).isEqualTo(1);
        step();
        fixture.runAll("agent");
        step();
        assertThat(fixture.live("agent")).hasSize(1);
        assertThat(events(fixture.describe("agent")).getFirst()).isEqualTo("(service agent) has reached a steady state.");
        Task old = fixture.live("agent").getFirst();
        fixture.update("{\"service\":\"agent\",\"forceNewDeployment\":true}");
        step();
        // DAEMON: maximumPercent 100, minimumHealthyPercent 0: the old task stops before the new one starts
        assertThat(fixture.context.tasks().find("default", id(old)).orElseThrow().desiredStatus())
                .isEqualTo("STOPPED");
        step();
        assertThat(fixture.live("agent")).hasSize(1).noneMatch(task -> task.taskArn().equals(old.taskArn()));
    }

    @Test
    void eventsAreKeptNewestFirstAndAtMostOneHundred() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        for (int i = 0; i < 60; i++) {
            step();
            fixture.runAll("web");
            step();
            Task task = fixture.live("web").getFirst();
            fixture.context.tasks().stop("default", id(task), java.util.Optional.empty());
            scheduler.onTaskChange(fixture.context.tasks().find("default", id(task)).orElseThrow());
        }
        step();
        List<String> messages = events(fixture.describe("web"));
        assertThat(messages).hasSize(StoredService.MAX_EVENTS);
        assertThat(messages.getFirst()).startsWith("(service web) has started 1 tasks: ");
        JsonNode events = fixture.describe("web").get("events");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i - 1).get("createdAt").asDouble())
                    .isGreaterThanOrEqualTo(events.get(i).get("createdAt").asDouble());
        }
    }

    @Test
    void abortingADeploymentLeavesItsTasksAndLaunchesNoMore() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"deploymentConfiguration\":{\"maximumPercent\":150,\"minimumHealthyPercent\":100}}");
        step();
        fixture.runAll("web");
        step();
        fixture.update("{\"service\":\"web\",\"forceNewDeployment\":true}");
        step();
        assertThat(fixture.live("web")).as("one new beside two old (150 %)").hasSize(3);
        String arn = fixture.context.call(new ListServiceDeploymentsAction(fixture.context),
                "{\"service\":\"web\",\"status\":[\"IN_PROGRESS\"]}").at("/serviceDeployments/0/serviceDeploymentArn")
                .asText();
        fixture.context.call(new StopServiceDeploymentAction(fixture.context), "{\"serviceDeploymentArn\":\"" + arn
                + "\",\"stopType\":\"ABORT\"}");
        JsonNode service = fixture.describe("web");
        assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("FAILED");
        int launched = fixture.context.tasks().launches().size();
        fixture.context.tasks().stop("default", id(fixture.live("web").stream()
                .filter(task -> task.startedBy().equals(service.at("/deployments/0/id").asText())).findFirst()
                .orElseThrow()), java.util.Optional.empty());
        step();
        step();
        assertThat(fixture.context.tasks().launches()).as("an aborted deployment launches nothing").hasSize(launched);
        assertThat(fixture.context.call(new ListServiceDeploymentsAction(fixture.context), "{\"service\":\"web\"}")
                .at("/serviceDeployments/0/status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void scaleInPassesOverTasksWithScaleInProtection() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":3}");
        step();
        fixture.runAll("web");
        step();
        List<Task> tasks = fixture.live("web");
        // protect the two tasks scale-in would pick first (the newest)
        List<Task> newestFirst = tasks.stream().sorted(java.util.Comparator.comparing(Task::createdAt).reversed()
                .thenComparing(Task::taskArn)).toList();
        for (Task task : tasks) {
            fixture.context.taskProtections().update(task.taskArn(), !task.equals(newestFirst.get(2)),
                    Duration.ofMinutes(60));
        }
        fixture.update("{\"service\":\"web\",\"desiredCount\":1}");
        step();
        List<Task> after = fixture.live("web");
        assertThat(after).as("only the unprotected task stops; the protected ones stay above the desired count")
                .hasSize(2).extracting(Task::taskArn)
                .containsExactlyInAnyOrder(newestFirst.get(0).taskArn(), newestFirst.get(1).taskArn());

        // once protection ends, scale-in goes on
        for (Task task : after) {
            fixture.context.taskProtections().update(task.taskArn(), false, Duration.ZERO);
        }
        step();
        assertThat(fixture.live("web")).hasSize(1);
    }
}
