package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.testing.FakePluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A front door with a health check path over two tasks whose "ENI addresses" are 127.0.0.2 and 127.0.0.3, each
 * with an HTTP server whose health path answers a status the test sets: the failing one is reported and routed
 * around; the connections relayed are counted for the service.
 */
class FrontDoorHealthTest {
    private final FakePluginContext context = new FakePluginContext();
    private final List<ServerSocket> servers = new ArrayList<>();
    private ServiceNetworking networking;

    @AfterEach
    void close() throws IOException {
        if (networking != null) {
            networking.close();
        }
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    @Test
    void anUnhealthyTargetIsReportedAndRoutedAround() throws Exception {
        int containerPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            containerPort = probe.getLocalPort();
        }
        int door;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            door = probe.getLocalPort();
        }
        context.config("front-door.port.web", Integer.toString(door))
                .config("front-door.health-check.interval-seconds", "1")
                .config("front-door.health-check.timeout-seconds", "1");
        TaskDefinition definition = context.taskDefinitions().register("web", revision -> context.json()
                .convertValue(Map.of("family", "web", "revision", revision, "status", "ACTIVE",
                        "networkMode", "awsvpc", "taskDefinitionArn", context.arns().taskDefinition("web", revision),
                        "containerDefinitions", List.of(Map.of("name", "Main", "image", "busybox",
                                "portMappings", List.of(Map.of("containerPort", containerPort))))),
                        TaskDefinition.class));
        AtomicInteger firstStatus = new AtomicInteger(200);
        AtomicInteger secondStatus = new AtomicInteger(200);
        Task first = task(definition, "127.0.0.2", containerPort, firstStatus);
        Task second = task(definition, "127.0.0.3", containerPort, secondStatus);
        NetworkedService service = new NetworkedService("default", "web",
                "arn:aws:ecs:us-east-1:000000000000:service/default/web", "ACTIVE", context.json().readTree(
                        "{\"loadBalancers\":[{\"containerName\":\"Main\",\"containerPort\":" + containerPort + "}]}"),
                List.of(), java.util.Optional.of("/health"));
        networking = ServiceNetworking.create(context, () -> List.of(service));
        networking.refresh(List.of(service));

        Balancer balancer = networking.balancer(new InetSocketAddress("127.0.0.1", door)).orElseThrow();
        TargetHealth health = balancer.health().orElseThrow();
        await(() -> health.state(first.taskArn()) == TargetHealth.State.HEALTHY
                && health.state(second.taskArn()) == TargetHealth.State.HEALTHY, "both healthy");
        assertThat(networking.targetFailure(second.taskArn())).isEmpty();

        secondStatus.set(500);
        await(() -> networking.targetFailure(second.taskArn()).isPresent(), "the second to fail its checks");
        TargetFailure failure = networking.targetFailure(second.taskArn()).orElseThrow();
        assertThat(failure.stoppedReason()).isEqualTo("Task failed ELB health checks in (front door 127.0.0.1:"
                + door + ")");
        assertThat(failure.reason()).isEqualTo("Health checks failed with these codes: [500]");
        assertThat(failure.containerPort()).isEqualTo(containerPort);
        assertThat(networking.targetFailure(first.taskArn())).isEmpty();

        long before = networking.frontDoorRequests("default/web");
        for (int i = 0; i < 6; i++) {
            assertThat(get(door)).as("request %d", i).isEqualTo("127.0.0.2");
        }
        await(() -> networking.frontDoorRequests("default/web") - before == 6, "six requests counted");

        secondStatus.set(302);
        await(() -> health.state(second.taskArn()) == TargetHealth.State.HEALTHY, "a redirect passes again");
    }

    private Task task(TaskDefinition definition, String address, int port, AtomicInteger healthStatus)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, port));
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(2_000);
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[2048];
                    int read = in.read(buffer);
                    String request = new String(buffer, 0, Math.max(0, read), StandardCharsets.US_ASCII);
                    String answer = request.startsWith("GET /health ")
                            ? "HTTP/1.1 " + healthStatus.get() + " X\r\nContent-Length: 0\r\n\r\n"
                            : "HTTP/1.0 200 OK\r\n\r\n" + address;
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        });
        return context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"),
                "group", "service:web", "lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                "launchType", "FARGATE", "taskDefinitionArn", definition.taskDefinitionArn(),
                "attachments", List.of(Map.of("id", "eni-attachment", "type", "ElasticNetworkInterface",
                        "status", "ATTACHED", "details", List.of(Map.of("name", "privateIPv4Address",
                                "value", address))))));
    }

    /** The body of a GET through the front door. */
    private static String get(int door) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", door), 2_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** Runs the due checks (as the network worker's tick does) until a condition holds, at most 10 s. */
    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            networking.checkHealth();
            Thread.sleep(50);
        }
    }
}
