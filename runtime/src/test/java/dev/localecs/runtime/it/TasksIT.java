package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/** Tasks really running on the Docker engine, with the lifecycle ECS gives them. */
class TasksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSYBOX = TestImages.BUSYBOX;
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
    void stop() {
        runtime.close();
    }

    private void register(String json) throws Exception {
        var response = runtime.post("RegisterTaskDefinition", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String container(String name, String command, String extra) {
        return """
                {"name": "%s", "image": "%s", "memory": 32, "command": ["sh", "-c", "%s"]%s}"""
                .formatted(name, BUSYBOX, command, extra.isEmpty() ? "" : ", " + extra);
    }

    private String definition(String family, String... containers) {
        return "{\"family\": \"" + family + "\", \"containerDefinitions\": [" + String.join(",", containers) + "]}";
    }

    private Task run(String family) {
        return runtime.ecs().runTask(r -> r.taskDefinition(family)).tasks().get(0);
    }

    private Task describe(String arn) {
        return runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().get(0);
    }

    private Task await(String arn, String lastStatus, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Task task = describe(arn);
        while (!lastStatus.equals(task.lastStatus()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            task = describe(arn);
        }
        assertThat(task.lastStatus()).as("task %s: %s", arn, task).isEqualTo(lastStatus);
        return task;
    }

    private static Container named(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static String project(Task task) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        String family = task.taskDefinitionArn().replaceAll(".*task-definition/", "").replaceAll(":\\d+$", "");
        return "ecs-" + family + "-" + id;
    }

    private static void assertNothingLeft(Task task) {
        String label = "label=com.docker.compose.project=" + project(task);
        assertThat(TestImages.run(List.of("docker", "ps", "-aq", "--filter", label))).isBlank();
        assertThat(TestImages.run(List.of("docker", "network", "ls", "-q", "--filter", label))).isBlank();
        assertThat(TestImages.run(List.of("docker", "volume", "ls", "-q", "--filter", label))).isBlank();
    }

    @Test
    void exitZeroTaskReachesStoppedWithExitCodeZero() throws Exception {
        register(definition("exit-zero", container("app", "echo done", "")));
        Task started = run("exit-zero");
        assertThat(started.lastStatus()).isIn("PROVISIONING", "PENDING");
        assertThat(started.taskArn()).matches("arn:aws:ecs:us-east-1:000000000000:task/default/[0-9a-f]{32}");

        runtime.ecs().waiter().waitUntilTasksStopped(r -> r.tasks(started.taskArn()));
        Task stopped = describe(started.taskArn());

        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        Container app = named(stopped, "app");
        assertThat(app.exitCode()).isZero();
        assertThat(app.runtimeId()).hasSize(64);
        assertThat(app.healthStatus().toString()).isEqualTo("UNKNOWN");
        assertThat(stopped.createdAt()).isBeforeOrEqualTo(stopped.pullStartedAt());
        assertThat(stopped.pullStoppedAt()).isBeforeOrEqualTo(stopped.startedAt());
        assertThat(stopped.stoppingAt()).isBeforeOrEqualTo(stopped.executionStoppedAt());
        assertThat(stopped.executionStoppedAt()).isBeforeOrEqualTo(stopped.stoppedAt());
        assertThat(stopped.version()).isGreaterThan(started.version());
        assertNothingLeft(stopped);
    }

    @Test
    void failingEssentialContainerStopsItsSiblings() throws Exception {
        register(definition("failing", container("main", "sleep 1; exit 7", ""),
                container("sidecar", "sleep 300", "\"essential\": false, \"stopTimeout\": 2")));
        Task started = run("failing");

        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(40));

        assertThat(named(stopped, "main").exitCode()).isEqualTo(7);
        assertThat(named(stopped, "sidecar").exitCode()).as("stopped by the runtime").isNotNull().isNotZero();
        assertThat(named(stopped, "sidecar").lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
        assertNothingLeft(stopped);
    }

    @Test
    void nonEssentialExitLeavesTheTaskRunning() throws Exception {
        register(definition("non-essential", container("main", "sleep 300", "\"stopTimeout\": 2"),
                container("oneshot", "exit 3", "\"essential\": false")));
        Task started = run("non-essential");
        await(started.taskArn(), "RUNNING", Duration.ofSeconds(30));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Task task = describe(started.taskArn());
        while (named(task, "oneshot").exitCode() == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            task = describe(started.taskArn());
        }
        assertThat(named(task, "oneshot").exitCode()).isEqualTo(3);
        assertThat(named(task, "oneshot").lastStatus()).isEqualTo("STOPPED");
        assertThat(task.lastStatus()).isEqualTo("RUNNING");
        assertThat(task.desiredStatus()).isEqualTo("RUNNING");
        assertThat(runtime.ecs().listTasks(r -> r.family("non-essential")).taskArns()).containsExactly(task.taskArn());

        runtime.ecs().stopTask(r -> r.task(started.taskArn()));
        await(started.taskArn(), "STOPPED", Duration.ofSeconds(30));
    }

    @Test
    void dependsOnSuccessAndHealthyStartInOrder() throws Exception {
        register("""
                {"family": "ordered", "volumes": [{"name": "shared"}], "containerDefinitions": [
                  {"name": "init", "image": "%1$s", "memory": 32, "essential": false,
                   "command": ["sh", "-c", "sleep 1; echo ready > /shared/ready"],
                   "mountPoints": [{"sourceVolume": "shared", "containerPath": "/shared"}]},
                  {"name": "db", "image": "%1$s", "memory": 32, "essential": false, "stopTimeout": 2,
                   "command": ["sh", "-c", "sleep 2; touch /tmp/up; sleep 300"],
                   "healthCheck": {"command": ["CMD-SHELL", "test -f /tmp/up"], "interval": 1, "timeout": 1,
                                   "retries": 10}},
                  {"name": "app", "image": "%1$s", "memory": 32,
                   "command": ["sh", "-c", "test -f /shared/ready || exit 41; sleep 300"], "stopTimeout": 2,
                   "mountPoints": [{"sourceVolume": "shared", "containerPath": "/shared"}],
                   "dependsOn": [{"containerName": "init", "condition": "SUCCESS"},
                                 {"containerName": "db", "condition": "HEALTHY"}]}]}""".formatted(BUSYBOX));
        Task started = run("ordered");

        Task running = await(started.taskArn(), "RUNNING", Duration.ofSeconds(60));

        assertThat(named(running, "init").exitCode()).isZero();
        assertThat(named(running, "db").healthStatus().toString()).isEqualTo("HEALTHY");
        assertThat(named(running, "app").lastStatus()).isEqualTo("RUNNING");
        runtime.ecs().stopTask(r -> r.task(started.taskArn()).reason("done"));
        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(30));
        assertThat(named(stopped, "app").exitCode()).as("app found init's file").isNotEqualTo(41);
        assertThat(stopped.stopCode().toString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("done");
    }

    @Test
    void neverHealthyDependencyFailsTheTask() throws Exception {
        register("""
                {"family": "never-healthy", "containerDefinitions": [
                  {"name": "db", "image": "%1$s", "memory": 32, "stopTimeout": 2, "startTimeout": 6,
                   "command": ["sh", "-c", "sleep 300"],
                   "healthCheck": {"command": ["CMD-SHELL", "exit 1"], "interval": 5, "timeout": 2, "retries": 10}},
                  {"name": "app", "image": "%1$s", "memory": 32, "command": ["sh", "-c", "sleep 300"],
                   "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]}""".formatted(BUSYBOX));
        Task started = run("never-healthy");

        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(60));

        assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).contains("dependency 'db' did not reach HEALTHY within 6 seconds");
        assertThat(named(stopped, "app").runtimeId()).as("app never created").isNull();
        assertThat(named(stopped, "app").exitCode()).isNull();
        assertNothingLeft(stopped);
    }

    @Test
    void awsvpcContainersReachEachOtherOnLocalhost() throws Exception {
        register("""
                {"family": "awsvpc-pair", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [
                  {"name": "web", "image": "%1$s", "essential": false, "stopTimeout": 2,
                   "command": ["httpd", "-f", "-p", "8080", "-h", "/www"], "portMappings": [{"containerPort": 8080}]},
                  {"name": "client", "image": "%1$s",
                   "command": ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O /tmp/got http://localhost:8080/ && grep -q hello /tmp/got && exit 0; sleep 1; done; exit 9"]}]}"""
                .formatted(BUSYBOX));
        Task started = runtime.ecs().runTask(r -> r.taskDefinition("awsvpc-pair").launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345")))).tasks().get(0);
        assertThat(started.lastStatus()).isEqualTo("PROVISIONING");

        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(60));

        assertThat(named(stopped, "client").exitCode()).as("client reached web on localhost").isZero();
        assertThat(stopped.launchType().toString()).isEqualTo("FARGATE");
        assertThat(stopped.platformVersion()).isEqualTo("1.4.0");
        var eni = stopped.attachments().get(0);
        assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
        Map<String, String> details = new HashMap<>();
        eni.details().forEach(d -> details.put(d.name(), d.value()));
        assertThat(details.get("subnetId")).isEqualTo("subnet-12345");
        assertThat(details.get("privateIPv4Address")).startsWith("169.254.170.");
        assertThat(details.get("networkInterfaceId")).startsWith("eni-");
        assertThat(named(stopped, "web").networkInterfaces().get(0).privateIpv4Address())
                .isEqualTo(details.get("privateIPv4Address"));
        assertNothingLeft(stopped);
    }

    @Test
    void bridgePortMappingIsReachableOnLoopback() throws Exception {
        register(definition("bridge-web", container("web", "httpd -f -p 80 -h /www",
                "\"stopTimeout\": 2, \"portMappings\": [{\"containerPort\": 80, \"hostPort\": 0}]")));
        Task started = run("bridge-web");
        Task running = await(started.taskArn(), "RUNNING", Duration.ofSeconds(30));
        var binding = named(running, "web").networkBindings().get(0);
        assertThat(binding.containerPort()).isEqualTo(80);
        assertThat(binding.hostPort()).isPositive();

        String body = null;
        for (int i = 0; i < 20 && body == null; i++) {
            try {
                body = RuntimeFixture.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.hostPort()
                        + "/")).timeout(Duration.ofSeconds(2)).build()).body();
            } catch (RuntimeException notYet) {
                Thread.sleep(250);
            }
        }
        assertThat(body).contains("hello from busybox");
        Path effective = state.resolve("compose").resolve(project(running))
                .resolve("docker-compose.ecs-local.effective.yml");
        String ps = TestImages.run(List.of("docker-compose", "-p", project(running), "-f", effective.toString(), "ps"));
        assertThat(ps).as("docker-compose sees the task's containers by their labels")
                .contains(project(running) + "-web-1").contains("Up");
        runtime.ecs().stopTask(r -> r.task(started.taskArn()));
        assertNothingLeft(await(started.taskArn(), "STOPPED", Duration.ofSeconds(30)));
    }

    @Test
    void stopTaskKillsAContainerIgnoringSigtermAfterItsStopTimeout() throws Exception {
        register(definition("stubborn", container("app", "trap '' TERM; while true; do sleep 1; done",
                "\"stopTimeout\": 3")));
        Task started = run("stubborn");
        await(started.taskArn(), "RUNNING", Duration.ofSeconds(30));

        long before = System.nanoTime();
        Task stopping = runtime.ecs().stopTask(r -> r.task(started.taskArn()).reason("maintenance")).task();
        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(named(stopped, "app").exitCode()).isEqualTo(137);
        assertThat(stopped.stopCode().toString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("maintenance");
    }

    @Test
    void unpullableImageFailsToStart() throws Exception {
        register("""
                {"family": "unpullable", "containerDefinitions": [
                  {"name": "app", "image": "127.0.0.1:9/nowhere/app:1", "memory": 32}]}""");
        Task started = run("unpullable");

        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(60));

        assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(named(stopped, "app").reason()).startsWith("CannotPullContainerError: ");
        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError: ");
        assertThat(named(stopped, "app").exitCode()).isNull();
        assertNothingLeft(stopped);
    }

    @Test
    void dropInBuildRunsTheLocallyBuiltImage(@TempDir Path work) throws Exception {
        Path context = Files.createDirectories(work.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nRUN echo built-here > /built\n");
        Path compose = Path.of(state.resolve("compose").toString());
        Files.createDirectories(compose);
        Files.writeString(compose.resolve("override.built.yml"), """
                services:
                  app:
                    image: local/built-by-test:1
                    build:
                      context: %s
                """.formatted(context));
        register(definition("built", container("app", "grep -q built-here /built", "")));
        Task started = run("built");

        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(120));

        assertThat(named(stopped, "app").exitCode()).as(stopped.toString()).isZero();
        assertThat(named(stopped, "app").image()).isEqualTo("local/built-by-test:1");
    }

    @Test
    void restartOfTheRuntimeKeepsTrackingARunningTask() throws Exception {
        register(definition("survivor", container("app", "sleep 6; exit 5", "")));
        Task started = run("survivor");
        await(started.taskArn(), "RUNNING", Duration.ofSeconds(30));

        runtime.restart();

        assertThat(describe(started.taskArn()).lastStatus()).isEqualTo("RUNNING");
        Task stopped = await(started.taskArn(), "STOPPED", Duration.ofSeconds(40));
        assertThat(named(stopped, "app").exitCode()).isEqualTo(5);
        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");

        runtime.restart();
        Task history = describe(started.taskArn());
        assertThat(history.lastStatus()).as("stopped-task history comes back from state.dir").isEqualTo("STOPPED");
        assertThat(named(history, "app").exitCode()).isEqualTo(5);
        assertThat(history.version()).isEqualTo(stopped.version());
    }

    @Test
    void twentyConcurrentRunTasksAllRunWithoutClashesAndLeaveNothing() throws Exception {
        register(definition("crowd", container("app", "sleep 300", "\"stopTimeout\": 1")));
        List<Callable<Task>> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(() -> run("crowd"));
        }
        List<Task> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Task> future : pool.invokeAll(runs)) {
                tasks.add(future.get());
            }
        }
        Set<String> ids = new HashSet<>();
        for (Task task : tasks) {
            Task running = await(task.taskArn(), "RUNNING", Duration.ofSeconds(90));
            ids.add(named(running, "app").runtimeId());
        }
        assertThat(ids).hasSize(20);
        assertThat(runtime.ecs().listTasks(r -> r.family("crowd")).taskArns()).hasSize(20);

        for (Task task : tasks) {
            runtime.ecs().stopTask(r -> r.task(task.taskArn()));
        }
        for (Task task : tasks) {
            assertNothingLeft(await(task.taskArn(), "STOPPED", Duration.ofSeconds(60)));
        }
        assertThat(runtime.ecs().listTasks(r -> r.family("crowd").desiredStatus("STOPPED")).taskArns()).hasSize(20);
    }

    @Test
    void awsCliRunsAndWaitsAndBoto3WaiterSeesItRunning() throws Exception {
        register(definition("cli-task", container("app", "sleep 3", "")));
        AwsCli aws = new AwsCli(runtime.endpoint());
        JsonNode run = aws.ecs("run-task", "--task-definition", "cli-task", "--started-by", "cli");
        String arn = run.at("/tasks/0/taskArn").asText();
        assertThat(run.at("/failures").size()).isZero();

        String script = """
                import boto3, sys
                ecs = boto3.client("ecs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test")
                ecs.get_waiter("tasks_running").wait(tasks=[sys.argv[2]], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
                print(ecs.describe_tasks(tasks=[sys.argv[2]])["tasks"][0]["lastStatus"])
                """;
        String output = TestImages.run(List.of("/usr/bin/python3", "-c", script, runtime.endpoint().toString(), arn));
        assertThat(output.trim()).isEqualTo("RUNNING");

        aws.ecs("wait", "tasks-stopped", "--tasks", arn);
        JsonNode described = aws.ecs("describe-tasks", "--tasks", arn);
        assertThat(described.at("/tasks/0/lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(described.at("/tasks/0/containers/0/exitCode").asInt()).isZero();
        assertThat(described.at("/tasks/0/startedBy").asText()).isEqualTo("cli");
        JsonNode missing = aws.ecs("describe-tasks", "--tasks", "0123456789abcdef0123456789abcdef");
        assertThat(missing.at("/failures/0/reason").asText()).isEqualTo("MISSING");
    }
}
