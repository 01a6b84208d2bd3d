package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A service's life on the simulated engine (no Docker) with the real AWS CLI and the AWS SDK: created with 3
 * tasks and stable for {@code aws ecs wait services-stable}, scaled to 1, rolled to a new revision within its
 * maximumPercent, resumed after a restart without a duplicate task, deleted to INACTIVE; and a task that turns
 * UNHEALTHY replaced.
 */
class ServicesIT {
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private Service service() {
        return runtime.ecs().describeServices(r -> r.services("web")).services().getFirst();
    }

    private List<Task> tasks(DesiredStatus status) {
        List<String> arns = runtime.ecs().listTasks(r -> r.serviceName("web").desiredStatus(status)).taskArns();
        return arns.isEmpty() ? List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
    }

    /** Polls the service until {@code done}, checking {@code always} on every look; returns the last look. */
    private Service await(Predicate<Service> done, Predicate<Service> always, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Service service = service();
        while (!done.test(service)) {
            assertThat(always.test(service)).as("along the way: " + service).isTrue();
            assertThat(System.nanoTime()).as("waited 30 s for " + what + ": " + service + "; stopped tasks: "
                    + tasks(DesiredStatus.STOPPED).stream().map(t -> t.taskArn() + " " + t.lastStatus() + " "
                    + t.stoppedReason()).toList() + "; health: " + RuntimeFixture.send(java.net.http.HttpRequest
                    .newBuilder(runtime.endpoint().resolve("/health")).build()).body()).isLessThan(deadline);
            Thread.sleep(100);
            service = service();
        }
        return service;
    }

    @Test
    void aServiceKeepsItsCountRollsANewRevisionAndDrains() throws InterruptedException {
        AwsCli cli = new AwsCli(runtime.endpoint());
        cli.ecs("register-task-definition", "--family", "svc", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32}]");

        JsonNode created = cli.ecs("create-service", "--service-name", "web", "--task-definition", "svc",
                "--desired-count", "3", "--tags", "key=team,value=a").get("service");
        assertThat(created.get("serviceArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/default/web");
        String first = created.at("/deployments/0/id").asText();
        assertThat(first).matches("ecs-svc/\\d{19}");
        cli.ecs("wait", "services-stable", "--services", "web");

        List<Task> running = tasks(DesiredStatus.RUNNING);
        assertThat(running).hasSize(3).allSatisfy(task -> {
            assertThat(task.lastStatus()).isEqualTo("RUNNING");
            assertThat(task.startedBy()).isEqualTo(first);
            assertThat(task.group()).isEqualTo("service:web");
        });
        Service stable = service();
        assertThat(stable.runningCount()).isEqualTo(3);
        assertThat(stable.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutStateAsString())
                .isEqualTo("COMPLETED"));
        assertThat(stable.events().getFirst().message()).isEqualTo("(service web) has reached a steady state.");
        assertThat(runtime.ecs().describeClusters().clusters().getFirst().activeServicesCount()).isEqualTo(1);

        cli.ecs("update-service", "--service", "web", "--desired-count", "1");
        await(s -> s.runningCount() == 1 && tasks(DesiredStatus.RUNNING).size() == 1, s -> true, "scale-in to 1");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Task> stopped = tasks(DesiredStatus.STOPPED);
        while (stopped.stream().anyMatch(task -> !"STOPPED".equals(task.lastStatus()))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stopped = tasks(DesiredStatus.STOPPED);
        }
        assertThat(stopped).hasSize(2).allSatisfy(task -> {
            assertThat(task.lastStatus()).isEqualTo("STOPPED");
            assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(task.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + first + ")");
        });

        cli.ecs("register-task-definition", "--family", "svc", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox:1\",\"memory\":32}]");
        List<Integer> liveSeen = new ArrayList<>();
        cli.ecs("update-service", "--service", "web", "--task-definition", "svc:2");
        Service rolled = await(s -> s.deployments().size() == 1 && "COMPLETED".equals(s.deployments().getFirst()
                        .rolloutStateAsString()) && s.runningCount() == 1,
                s -> {
                    liveSeen.add(tasks(DesiredStatus.RUNNING).size());
                    return liveSeen.getLast() <= 2;
                }, "the rolling deployment");
        cli.ecs("wait", "services-stable", "--services", "web");
        String second = rolled.deployments().getFirst().id();
        assertThat(second).isNotEqualTo(first);
        assertThat(rolled.taskDefinition()).endsWith(":task-definition/svc:2");
        assertThat(rolled.events()).extracting(e -> e.message())
                .contains("(service web) (deployment " + second + ") deployment completed.");
        Task current = tasks(DesiredStatus.RUNNING).getFirst();
        assertThat(current.taskDefinitionArn()).endsWith("svc:2");
        assertThat(current.startedBy()).isEqualTo(second);
        Task replaced = tasks(DesiredStatus.STOPPED).stream().filter(task -> task.taskDefinitionArn().endsWith("svc:1"))
                .filter(task -> ("Scaling activity initiated by (deployment " + second + ")").equals(task.stoppedReason()))
                .findFirst().orElseThrow(() -> new AssertionError("the old revision's task was not stopped by " + second));
        assertThat(current.startedAt()).as("minimumHealthyPercent 100: the new task runs before the old one stops")
                .isBeforeOrEqualTo(replaced.stoppingAt());

        runtime.restart();
        cli = new AwsCli(runtime.endpoint());
        // The simulated engine keeps containers in memory: the restart loses them and recovery stops the task
        // (on Docker the containers survive and the task is adopted). The scheduler replaces it, once.
        Task recovered = runtime.awaitStatus("default", current.taskArn(), "STOPPED", Duration.ofSeconds(20));
        assertThat(recovered.startedBy()).isEqualTo(second);
        // The service's stored counts and its last event are still those from before the restart: wait for the
        // replacement itself (a RUNNING task other than the recovered one), not for a look that may be stale.
        String lost = current.taskArn();
        await(s -> s.runningCount() == 1 && tasks(DesiredStatus.RUNNING).stream()
                        .anyMatch(task -> !task.taskArn().equals(lost) && "RUNNING".equals(task.lastStatus())),
                s -> tasks(DesiredStatus.RUNNING).size() <= 1, "the replacement after the restart");
        Thread.sleep(1500);
        List<Task> afterRestart = tasks(DesiredStatus.RUNNING);
        assertThat(afterRestart).as("resumed without a duplicate").singleElement()
                .satisfies(task -> {
                    assertThat(task.startedBy()).isEqualTo(second);
                    assertThat(task.taskArn()).isNotEqualTo(lost);
                });
        current = afterRestart.getFirst();

        String script = """
                import boto3, sys
                ecs = boto3.client("ecs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test")
                ecs.update_service(service="web", desiredCount=2)
                ecs.get_waiter("services_stable").wait(services=["web"], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
                service = ecs.describe_services(services=["web"])["services"][0]
                print(service["runningCount"], len(service["deployments"]))
                """;
        String output = TestImages.run(List.of("/usr/bin/python3", "-c", script, runtime.endpoint().toString()));
        assertThat(output.trim()).as("boto3 scaled to 2 and waited for services_stable").isEqualTo("2 1");
        assertThat(service().desiredCount()).isEqualTo(2);

        AwsCli.Result refused = cli.ecsResult("delete-service", "--service", "web");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.error()).contains("InvalidParameterException")
                .contains("The service cannot be stopped while it is scaled above 0.");
        JsonNode draining = cli.ecs("delete-service", "--service", "web", "--force").get("service");
        assertThat(draining.get("status").asText()).isEqualTo("DRAINING");
        cli.ecs("wait", "services-inactive", "--services", "web");
        assertThat(service().status()).isEqualTo("INACTIVE");
        assertThat(runtime.ecs().listServices().serviceArns()).isEmpty();
        runtime.awaitStatus("default", current.taskArn(), "STOPPED", Duration.ofSeconds(20));
        AwsCli.Result gone = cli.ecsResult("update-service", "--service", "web", "--desired-count", "1");
        assertThat(gone.error()).contains("ServiceNotActiveException");
    }

    @Test
    void aTaskThatTurnsUnhealthyIsReplaced() throws InterruptedException {
        AwsCli cli = new AwsCli(runtime.endpoint());
        cli.ecs("register-task-definition", "--family", "sick", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32,\"healthCheck\":{\"command\":"
                        + "[\"CMD-SHELL\",\"true\"]},\"environment\":[{\"name\":\"LOCAL_ECS_SIMULATE\","
                        + "\"value\":\"healthy@100ms;unhealthy@1s\"}]}]");
        cli.ecs("create-service", "--service-name", "web", "--task-definition", "sick", "--desired-count", "1");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Task> replaced = List.of();
        while (replaced.isEmpty()) {
            assertThat(System.nanoTime()).as("no task was replaced for failing its health checks").isLessThan(deadline);
            Thread.sleep(200);
            replaced = tasks(DesiredStatus.STOPPED).stream()
                    .filter(task -> "Task failed container health checks".equals(task.stoppedReason())).toList();
        }
        Task sick = replaced.getFirst();
        assertThat(sick.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(sick.healthStatusAsString()).isEqualTo("UNHEALTHY");
        await(s -> tasks(DesiredStatus.RUNNING).stream().anyMatch(task -> !task.taskArn().equals(sick.taskArn())),
                s -> true, "the replacement");
        cli.ecs("delete-service", "--service", "web", "--force");
        cli.ecs("wait", "services-inactive", "--services", "web");
    }

    @Test
    void aRevisionWhoseContainerExitsAtOnceTripsTheCircuitBreakerAndRollsBack() throws InterruptedException {
        AwsCli cli = new AwsCli(runtime.endpoint());
        cli.ecs("register-task-definition", "--family", "svc", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32}]");
        JsonNode created = cli.ecs("create-service", "--service-name", "web", "--task-definition", "svc",
                "--desired-count", "2", "--deployment-configuration",
                "deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=200,minimumHealthyPercent=100")
                .get("service");
        assertThat(created.at("/deploymentConfiguration/deploymentCircuitBreaker/rollback").asBoolean()).isTrue();
        String good = created.at("/deployments/0/id").asText();
        cli.ecs("wait", "services-stable", "--services", "web");
        // the waiter looks at the counts; the rollout completes once the tasks have run a moment, and only a
        // COMPLETED deployment is one to roll back to (as on ECS)
        await(s -> "COMPLETED".equals(s.deployments().getFirst().rolloutStateAsString()), s -> true,
                "the first deployment to complete");
        String serviceArn = created.get("serviceArn").asText();
        cli.ecs("tag-resource", "--resource-arn", serviceArn, "--tags", "key=team,value=payments");
        assertThat(cli.ecs("list-tags-for-resource", "--resource-arn", serviceArn).get("tags").toString())
                .isEqualTo("[{\"key\":\"team\",\"value\":\"payments\"}]");

        cli.ecs("register-task-definition", "--family", "svc", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32,\"environment\":[{\"name\":"
                        + "\"LOCAL_ECS_SIMULATE\",\"value\":\"exit:1@200ms\"}]}]");
        String bad = cli.ecs("update-service", "--service", "web", "--task-definition", "svc:2")
                .at("/service/deployments/0/id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Service service = service();
        while (List.of(good, bad).contains(service.deployments().getFirst().id())) {
            // the failing tasks are RUNNING for a moment, long enough for old ones to drain: only the bound holds
            assertThat(tasks(DesiredStatus.RUNNING)).as("maximumPercent 200 of 2").hasSizeLessThanOrEqualTo(4);
            assertThat(System.nanoTime()).as("the circuit breaker did not trip: " + service).isLessThan(deadline);
            Thread.sleep(200);
            service = service();
        }
        String rollback = service.deployments().getFirst().id();
        assertThat(service.deployments().getFirst().taskDefinition()).endsWith("svc:1");
        // the failed deployment stays in deployments[] while it has tasks left; its outcome stays in the events
        assertThat(service.events()).extracting(e -> e.message()).contains(
                "(service web) (deployment " + bad + ") deployment failed: tasks failed to start.",
                "(service web) rolling back to deployment " + rollback + ".");

        cli.ecs("wait", "services-stable", "--services", "web");
        // with the circuit breaker the rollout completes once the tasks have run a moment (after the waiter's look)
        Service back = await(s -> s.deployments().size() == 1
                && "COMPLETED".equals(s.deployments().getFirst().rolloutStateAsString()), s -> true,
                "the rollback to complete");
        assertThat(back.taskDefinition()).endsWith("svc:1");
        assertThat(back.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(rollback);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(tasks(DesiredStatus.RUNNING)).hasSize(2)
                .allSatisfy(task -> assertThat(task.taskDefinitionArn()).endsWith("svc:1"));

        // the AWS CLI v2 and the system boto3 of this machine predate the service-deployment operations: the AWS
        // SDK for Java v2 calls them
        var listed = runtime.ecs().listServiceDeployments(r -> r.service("web")).serviceDeployments();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(listed.get(0).statusReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + rollback + ".");
        assertThat(listed.get(1).statusAsString()).isEqualTo("SUCCESSFUL");
        String failedArn = listed.get(0).serviceDeploymentArn();
        assertThat(failedArn).matches("arn:aws:ecs:us-east-1:000000000000:service-deployment/default/web/"
                + "[A-Za-z0-9]{21}");
        var described = runtime.ecs().describeServiceDeployments(r -> r.serviceDeploymentArns(failedArn))
                .serviceDeployments().getFirst();
        assertThat(described.deploymentCircuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
        assertThat(described.deploymentCircuitBreaker().threshold()).isEqualTo(3);
        assertThat(described.rollback().serviceRevisionArn()).isEqualTo(listed.get(1).targetServiceRevisionArn());
        var revision = runtime.ecs().describeServiceRevisions(r -> r.serviceRevisionArns(
                described.targetServiceRevision().arn())).serviceRevisions().getFirst();
        assertThat(revision.taskDefinition()).endsWith("svc:2");
        assertThat(revision.serviceArn()).isEqualTo(serviceArn);
    }
}
