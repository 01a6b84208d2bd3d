package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * awsvpc tasks of one definition side by side: each is reached at its own ENI address on its container port
 * (from another task and from the host), and {@code tasks.awsvpc-host-ports} decides what is also published
 * on the host.
 */
class AwsvpcIT {
    private static final String BUSYBOX = TestImages.BUSYBOX;
    private static final String WEB = "side-by-side";
    private static final String CLIENT = "side-by-side-client";
    @TempDir
    Path state;
    private RuntimeFixture runtime;
    private final List<String> launched = new ArrayList<>();
    /** The container port every web task serves on: free on the host when the test starts. */
    private int port;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (runtime == null) {
            return;
        }
        try {
            for (String arn : launched) {
                runtime.ecs().stopTask(r -> r.task(arn));
            }
            for (String arn : launched) {
                assertNothingLeft(runtime.awaitStatus("default", arn, "STOPPED", Duration.ofSeconds(60)));
            }
        } finally {
            runtime.close();
        }
    }

    private void start(String hostPorts) {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately",
                "tasks.awsvpc-host-ports", hostPorts));
        register("""
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                 "memory": "512", "containerDefinitions": [
                  {"name": "web", "image": "%s", "stopTimeout": 2, "environment": [{"name": "BODY", "value": "none"}],
                   "command": ["sh", "-c", "mkdir -p /tmp/www && echo \\"$BODY\\" > /tmp/www/index.html && exec httpd -f -p %d -h /tmp/www"],
                   "portMappings": [{"containerPort": %3$d}]}]}""".formatted(WEB, BUSYBOX, port));
    }

    private void register(String json) {
        var response = runtime.post("RegisterTaskDefinition", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private Task runWeb(String body) {
        Task task = runtime.ecs().runTask(r -> r.taskDefinition(WEB).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345")))
                .overrides(o -> o.containerOverrides(ContainerOverride.builder().name("web")
                        .environment(KeyValuePair.builder().name("BODY").value(body).build()).build())))
                .tasks().get(0);
        synchronized (launched) {
            launched.add(task.taskArn());
        }
        return task;
    }

    private Task running(Task task) throws InterruptedException {
        return runtime.awaitStatus("default", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
    }

    /** The task's ENI address as ECS reports it, checked to be the same in the attachment and the container. */
    private static String eniAddress(Task task) {
        Map<String, String> details = new HashMap<>();
        task.attachments().get(0).details().forEach(d -> details.put(d.name(), d.value()));
        String address = details.get("privateIPv4Address");
        assertThat(address).startsWith("169.254.170.");
        Container web = task.containers().get(0);
        assertThat(web.networkInterfaces().get(0).privateIpv4Address()).isEqualTo(address);
        assertThat(web.networkBindings()).as("awsvpc tasks have no networkBindings, as on ECS").isEmpty();
        return address;
    }

    /** GET / from the test process, retried (bounded) while the server comes up; empty when never answered. */
    private static Optional<String> fetch(String host, int port) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            try {
                return Optional.of(get(host, port));
            } catch (UncheckedIOException notYet) {
                Thread.sleep(250);
            }
        }
        return Optional.empty();
    }

    private static String get(String host, int port) {
        return RuntimeFixture.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build()).body().trim();
    }

    /** How many running containers publish a host port. */
    private int containersPublishing(int hostPort) {
        String ids = TestImages.run(List.of("docker", "ps", "-q", "--filter", "publish=" + hostPort + "/tcp"));
        return (int) ids.lines().filter(line -> !line.isBlank()).count();
    }

    /**
     * Runs an awsvpc client task that fetches each address and exits 0 only if each serves its body (the
     * static busybox wget crashes with -T, so the loop bounds the time).
     */
    private Task clientFetching(Map<String, String> bodyByAddress) throws InterruptedException {
        StringBuilder checks = new StringBuilder();
        bodyByAddress.forEach((address, body) -> checks.append("[ \\\"$(wget -q -O - http://")
                .append(address).append(':').append(port).append("/)\\\" = ").append(body).append(" ] || ok=0; "));
        register("""
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                 "memory": "512", "containerDefinitions": [
                  {"name": "client", "image": "%s",
                   "command": ["sh", "-c", "for i in $(seq 1 20); do ok=1; %s[ $ok = 1 ] && exit 0; sleep 0.5; done; exit 7"]}]}"""
                .formatted(CLIENT, BUSYBOX, checks));
        Task client = runtime.ecs().runTask(r -> r.taskDefinition(CLIENT).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345")))).tasks().get(0);
        launched.add(client.taskArn());
        return runtime.awaitStatus("default", client.taskArn(), "STOPPED", Duration.ofSeconds(60));
    }

    private static String project(Task task) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        String family = task.taskDefinitionArn().replaceAll(".*task-definition/", "").replaceAll(":\\d+$", "");
        return "ecs-" + family + "-" + id;
    }

    private static void assertNothingLeft(Task task) {
        String label = "label=com.docker.compose.project=" + project(task);
        assertThat(TestImages.run(List.of("docker", "ps", "-aq", "--filter", label))).isBlank();
    }

    @Test
    void threeTasksOfOneDefinitionRunSideBySideEachAtItsOwnEniAddress() throws Exception {
        start("if-free");
        List<String> bodies = List.of("body-one", "body-two", "body-three");
        List<Callable<Task>> launches = new ArrayList<>();
        for (String body : bodies) {
            launches.add(() -> runWeb(body));
        }
        List<Future<Task>> started;
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            started = pool.invokeAll(launches); // three launches racing for one host port
        }

        Map<String, String> bodyByAddress = new LinkedHashMap<>();
        Map<String, Task> taskByBody = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            Task running = running(started.get(i).get());
            bodyByAddress.put(eniAddress(running), bodies.get(i));
            taskByBody.put(bodies.get(i), running);
        }
        assertThat(bodyByAddress).as("each task has its own ENI address").hasSize(3);
        for (Map.Entry<String, String> entry : bodyByAddress.entrySet()) {
            assertThat(fetch(entry.getKey(), port)).as("from the host at %s", entry.getKey())
                    .contains(entry.getValue());
        }
        Task client = clientFetching(bodyByAddress);
        assertThat(client.containers().get(0).exitCode()).as("the client task reached all three: %s", client)
                .isZero();

        assertThat(containersPublishing(port)).as("if-free: exactly one of the racing tasks is published")
                .isEqualTo(1);
        Optional<String> published = fetch("127.0.0.1", port);
        assertThat(published).get().isIn("body-one", "body-two", "body-three");

        // the published task stops: its host port goes to the next launch, the others stay unpublished
        Task holder = taskByBody.get(published.get());
        runtime.ecs().stopTask(r -> r.task(holder.taskArn()));
        runtime.awaitStatus("default", holder.taskArn(), "STOPPED", Duration.ofSeconds(60));
        assertThat(containersPublishing(port)).isZero();
        Task fourth = running(runWeb("body-four"));
        assertThat(fetch("127.0.0.1", port)).contains("body-four");
        assertThat(fetch(eniAddress(fourth), port)).contains("body-four");
        assertThat(containersPublishing(port)).isEqualTo(1);
    }

    @Test
    void ifFreeATaskWhoseHostPortAProcessHoldsRunsAtItsEniAddress() throws Exception {
        start("if-free");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(port));

            Task task = running(runWeb("beside-a-host-process"));

            assertThat(fetch(eniAddress(task), port)).contains("beside-a-host-process");
            assertThat(containersPublishing(port)).isZero();
        }
    }

    @Test
    void neverPublishesNothingAndTheTaskIsReachedAtItsEniAddress() throws Exception {
        start("never");
        Task first = running(runWeb("never-one"));
        Task second = running(runWeb("never-two"));

        assertThat(fetch(eniAddress(first), port)).contains("never-one");
        assertThat(fetch(eniAddress(second), port)).contains("never-two");
        assertThat(containersPublishing(port)).isZero();
        assertThatThrownBy(() -> get("127.0.0.1", port)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void alwaysPublishesAndASecondTaskWithTheSamePortFailsToStart() throws Exception {
        start("always");
        Task first = running(runWeb("always-one"));
        assertThat(fetch("127.0.0.1", port)).contains("always-one");
        assertThat(fetch(eniAddress(first), port)).contains("always-one");

        Task second = runtime.awaitStatus("default", runWeb("always-two").taskArn(), "STOPPED",
                Duration.ofSeconds(60));

        assertThat(second.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(second.containers().get(0).reason()).startsWith("CannotStartContainerError: ")
                .contains("port is already allocated");
    }
}
