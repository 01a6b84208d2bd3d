package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services on the real Docker engine, with the AWS CLI: {@code aws ecs wait services-stable}; a revision whose
 * container exits at once trips the circuit breaker and the service rolls back; a container whose health check
 * fails is replaced; {@code aws ecs wait services-inactive} after a forced delete; and a runtime stopped with
 * SIGTERM or SIGKILL in the middle of a rolling deployment finishes it after its restart with exactly the desired
 * tasks and no container left over.
 */
class ServicesDockerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAMILY_LABEL = "com.amazonaws.ecs.task-definition-family=";
    private static final List<String> FAMILIES = List.of("svc-it-good", "svc-it-sick", "svc-it-roll",
            "svc-it-port");

    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void removeLeftovers() throws Exception {
        for (String family : FAMILIES) {
            Docker.removeByLabel(FAMILY_LABEL + family);
        }
    }

    private static String containers(String command, String extra) {
        return "[{\"name\":\"app\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":32,\"stopTimeout\":2,"
                + "\"command\":[\"sh\",\"-c\",\"" + command + "\"]" + extra + "}]";
    }

    @Test
    void theCircuitBreakerRollsBackAFailingRevisionAndAnUnhealthyTaskIsReplaced() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            AwsCli cli = new AwsCli(runtime.endpoint());
            cli.ecs("register-task-definition", "--family", "svc-it-good", "--container-definitions",
                    containers("sleep 3600", ""));
            String good = cli.ecs("create-service", "--service-name", "good", "--task-definition", "svc-it-good",
                    "--desired-count", "2", "--deployment-configuration",
                    "deploymentCircuitBreaker={enable=true,rollback=true}").at("/service/deployments/0/id").asText();
            cli.ecs("wait", "services-stable", "--services", "good");
            await(cli, "good", s -> "COMPLETED".equals(s.at("/deployments/0/rolloutState").asText()),
                    "the first deployment to complete");
            assertThat(running("svc-it-good")).as("two containers run on the engine").hasSize(2);

            cli.ecs("register-task-definition", "--family", "svc-it-good", "--container-definitions",
                    containers("exit 1", ""));
            String bad = cli.ecs("update-service", "--service", "good", "--task-definition", "svc-it-good:2")
                    .at("/service/deployments/0/id").asText();
            JsonNode rolledBack = await(cli, "good", s -> !List.of(good, bad)
                    .contains(s.at("/deployments/0/id").asText()), "the circuit breaker to roll back");
            String rollback = rolledBack.at("/deployments/0/id").asText();
            assertThat(rolledBack.at("/deployments/0/taskDefinition").asText()).endsWith("svc-it-good:1");
            assertThat(messages(rolledBack)).contains(
                    "(service good) (deployment " + bad + ") deployment failed: tasks failed to start.",
                    "(service good) rolling back to deployment " + rollback + ".");
            cli.ecs("wait", "services-stable", "--services", "good");
            JsonNode back = await(cli, "good", s -> s.get("deployments").size() == 1
                    && "COMPLETED".equals(s.at("/deployments/0/rolloutState").asText()), "the rollback to complete");
            assertThat(back.get("taskDefinition").asText()).endsWith("svc-it-good:1");
            assertThat(back.get("runningCount").asInt()).isEqualTo(2);
            assertThat(running("svc-it-good")).as("the two rolled-back containers run on the engine").hasSize(2);

            cli.ecs("register-task-definition", "--family", "svc-it-sick", "--container-definitions",
                    containers("sleep 3600", ",\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"exit 1\"],"
                            + "\"interval\":5,\"timeout\":2,\"retries\":1,\"startPeriod\":0}"));
            cli.ecs("create-service", "--service-name", "sick", "--task-definition", "svc-it-sick",
                    "--desired-count", "1");
            JsonNode replaced = await(cli, "sick", s -> messages(s).stream()
                    .anyMatch(m -> m.matches("\\(service sick\\) \\(task [0-9a-f]{32}\\) failed container health "
                            + "checks\\.")), "the unhealthy task to be replaced");
            String sickId = messages(replaced).stream().filter(m -> m.endsWith("failed container health checks."))
                    .findFirst().orElseThrow().replaceAll(".*\\(task ([0-9a-f]{32})\\).*", "$1");
            JsonNode sickTask = cli.ecs("describe-tasks", "--tasks", sickId).at("/tasks/0");
            assertThat(sickTask.get("healthStatus").asText()).isEqualTo("UNHEALTHY");
            assertThat(sickTask.get("stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(sickTask.get("stoppedReason").asText()).isEqualTo("Task failed container health checks");
            await(cli, "sick", s -> {
                JsonNode live = cli.ecs("list-tasks", "--service-name", "sick").get("taskArns");
                return live.size() == 1 && !live.get(0).asText().endsWith(sickId);
            }, "a replacement task");

            for (String service : List.of("good", "sick")) {
                cli.ecs("delete-service", "--service", service, "--force");
            }
            cli.ecs("wait", "services-inactive", "--services", "good", "sick");
            assertThat(running("svc-it-good")).isEmpty();
            assertThat(running("svc-it-sick")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void aDeploymentCutByARestartCompletesWithNoDuplicateOrOrphanTask(String signal) throws Exception {
        Map<String, String> settings = Map.of("tasks.remove-containers", "immediately");
        String second;
        try (RuntimeProcess first = RuntimeProcess.start(state, settings)) {
            AwsCli cli = new AwsCli(first.endpoint());
            cli.ecs("register-task-definition", "--family", "svc-it-roll", "--container-definitions",
                    containers("sleep 3600", ""));
            cli.ecs("create-service", "--service-name", "roll", "--task-definition", "svc-it-roll",
                    "--desired-count", "3", "--deployment-configuration", "maximumPercent=150,minimumHealthyPercent=50");
            await(cli, "roll", s -> s.get("runningCount").asInt() == 3 && s.get("deployments").size() == 1,
                    "three running tasks");
            // the new revision's tasks stay PENDING for 4 s (an init container first), so the rollout takes a while
            cli.ecs("register-task-definition", "--family", "svc-it-roll", "--container-definitions",
                    "[{\"name\":\"init\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":16,\"essential\":false,"
                            + "\"command\":[\"sleep\",\"4\"]},{\"name\":\"app\",\"image\":\"" + TestImages.BUSYBOX
                            + "\",\"memory\":32,\"stopTimeout\":2,\"command\":[\"sleep\",\"3601\"],\"dependsOn\":"
                            + "[{\"containerName\":\"init\",\"condition\":\"SUCCESS\"}]}]");
            second = cli.ecs("update-service", "--service", "roll", "--task-definition", "svc-it-roll:2")
                    .at("/service/deployments/0/id").asText();
            // in the middle: the new deployment has started tasks, the old one has not drained
            await(cli, "roll", s -> s.get("deployments").size() == 2
                    && s.at("/deployments/0/runningCount").asInt() + s.at("/deployments/0/pendingCount").asInt() > 0,
                    "the rolling deployment to be under way");
            if (signal.equals("SIGTERM")) {
                first.terminate();
            } else {
                first.kill();
            }
        }
        try (RuntimeProcess again = RuntimeProcess.start(state, settings)) {
            AwsCli cli = new AwsCli(again.endpoint());
            JsonNode done = await(cli, "roll", s -> s.get("deployments").size() == 1
                    && s.at("/deployments/0/id").asText().equals(second) && s.get("runningCount").asInt() == 3
                    && "COMPLETED".equals(s.at("/deployments/0/rolloutState").asText()), "the deployment to finish");
            assertThat(done.get("taskDefinition").asText()).endsWith("svc-it-roll:2");
            Thread.sleep(3000);
            List<String> live = new ArrayList<>();
            cli.ecs("list-tasks", "--service-name", "roll").get("taskArns").forEach(arn -> live.add(arn.asText()));
            assertThat(live).as("exactly the desired count, no duplicate").hasSize(3);
            JsonNode tasks = cli.ecs("describe-tasks", "--tasks", live.get(0), live.get(1), live.get(2)).get("tasks");
            tasks.forEach(task -> {
                assertThat(task.get("startedBy").asText()).isEqualTo(second);
                assertThat(task.get("lastStatus").asText()).isEqualTo("RUNNING");
            });
            assertThat(Docker.run("ps", "--filter", "label=" + FAMILY_LABEL + "svc-it-roll", "--format",
                    "{{.Label \"com.amazonaws.ecs.task-arn\"}}")).as("no orphan container on the engine")
                    .containsExactlyInAnyOrderElementsOf(live);
            cli.ecs("delete-service", "--service", "roll", "--force");
            cli.ecs("wait", "services-inactive", "--services", "roll");
        }
    }

    @Test
    void anEc2ServiceWhoseFixedHostPortIsTakenRunsOneTaskAndSaysWhyNotTheOther() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            AwsCli cli = new AwsCli(runtime.endpoint());
            cli.ecs("register-task-definition", "--family", "svc-it-port", "--container-definitions",
                    containers("sleep 3600", ",\"portMappings\":[{\"containerPort\":8080,\"hostPort\":18180}]"));
            cli.ecs("create-service", "--service-name", "port", "--task-definition", "svc-it-port",
                    "--desired-count", "2");
            JsonNode service = await(cli, "port", s -> s.path("runningCount").asInt() == 1
                    && messages(s).stream().anyMatch(m -> m.contains("unable to place")), "one task and the event");
            assertThat(messages(service)).filteredOn(m -> m.contains("unable to place")).singleElement().asString()
                    .matches("\\(service port\\) was unable to place a task because no container instance met all "
                            + "of its requirements\\. The closest matching \\(container-instance [0-9a-f]{32}\\) is "
                            + "already using a port required by your task\\.");
            assertThat(messages(service)).noneMatch(m -> m.contains("failed to launch"));
            assertThat(running("svc-it-port")).as("one container holds the port").hasSize(1);

            cli.ecs("update-service", "--service", "port", "--desired-count", "1");
            cli.ecs("wait", "services-stable", "--services", "port");
            cli.ecs("delete-service", "--service", "port", "--force");
        }
    }

    private static List<String> running(String family) throws Exception {
        return Docker.run("ps", "-q", "--filter", "label=" + FAMILY_LABEL + family);
    }

    private static List<String> messages(JsonNode service) {
        List<String> messages = new ArrayList<>();
        service.path("events").forEach(event -> messages.add(event.get("message").asText()));
        return messages;
    }

    /** Describes the service until {@code done} (bounded, 120 s); answers the last look. */
    private static JsonNode await(AwsCli cli, String name, Predicate<JsonNode> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode service = cli.ecs("describe-services", "--services", name).at("/services/0");
        while (!done.test(service)) {
            assertThat(System.nanoTime()).as("waited 120 s for " + what + ": " + service).isLessThan(deadline);
            Thread.sleep(500);
            service = cli.ecs("describe-services", "--services", name).at("/services/0");
        }
        return service;
    }
}
