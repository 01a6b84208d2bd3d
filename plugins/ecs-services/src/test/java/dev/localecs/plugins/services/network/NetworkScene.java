package dev.localecs.plugins.services.network;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backend service of two awsvpc tasks whose "ENI addresses" are loopback addresses (127.0.0.2 and 127.0.0.3,
 * each with a server answering its task's name), in Service Connect namespace {@code local} with alias
 * {@code backend:<aliasPort>}, a Cloud Map registry and a target group at {@link FakeAwsPeers}, and a front door
 * port; and a client-only service in the same namespace.
 */
public final class NetworkScene implements AutoCloseable {
    /** The registry ARN the backend service names. */
    public static final String REGISTRY = "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1";
    /** The target group ARN the backend service names. */
    public static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/backend/0123456789abcdef";

    public final FakePluginContext context = new FakePluginContext();
    public final FakeAwsPeers peers;
    public final int containerPort;
    public final int aliasPort;
    public final int frontDoorPort;
    public final Task first;
    public final Task second;
    public final NetworkedService backend;
    public final NetworkedService client;
    public final ServiceNetworking networking;
    private final List<ServerSocket> servers = new ArrayList<>();

    /**
     * Builds the scene.
     *
     * @throws IOException when a socket cannot bind
     */
    public NetworkScene() throws IOException {
        peers = new FakeAwsPeers();
        containerPort = freePort("127.0.0.2");
        aliasPort = freePort("127.0.0.1");
        frontDoorPort = freePort("127.0.0.1");
        context.config("upstream.servicediscovery.endpoint", peers.endpoint().toString())
                .config("upstream.elbv2.endpoint", peers.endpoint().toString())
                .config("front-door.port.backend", Integer.toString(frontDoorPort))
                .environment("AWS_ACCESS_KEY_ID", "AKIDTEST")
                .environment("AWS_SECRET_ACCESS_KEY", "secret");
        TaskDefinition definition = context.taskDefinitions().register("backend", revision -> context.json()
                .convertValue(Map.of("family", "backend", "revision", revision, "status", "ACTIVE",
                        "networkMode", "awsvpc",
                        "taskDefinitionArn", context.arns().taskDefinition("backend", revision),
                        "containerDefinitions", List.of(Map.of("name", "web", "image", "busybox",
                                "portMappings", List.of(Map.of("containerPort", containerPort, "name", "http"))))),
                        TaskDefinition.class));
        first = task(definition, "127.0.0.2");
        second = task(definition, "127.0.0.3");
        backend = new NetworkedService("default", "backend", "arn:aws:ecs:us-east-1:000000000000:service/default/backend",
                "ACTIVE", json("""
                        {"loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": %d}],
                         "serviceRegistries": [{"registryArn": "%s"}]}""".formatted(TARGET_GROUP, containerPort,
                        REGISTRY)),
                List.of(json("""
                        {"serviceConnectConfiguration": {"enabled": true, "namespace": "local", "services": [
                          {"portName": "http", "discoveryName": "backend-http",
                           "clientAliases": [{"port": %d, "dnsName": "backend"}]}]}}""".formatted(aliasPort))));
        client = new NetworkedService("default", "client", "arn:aws:ecs:us-east-1:000000000000:service/default/client",
                "ACTIVE", json("{}"), List.of(json("""
                        {"serviceConnectConfiguration": {"enabled": true, "namespace": "local"}}""")));
        networking = ServiceNetworking.create(context, () -> List.of(backend, client));
    }

    private Task task(TaskDefinition definition, String address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, containerPort));
        servers.add(server);
        Task task = context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"),
                "group", "service:backend", "lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                "launchType", "FARGATE", "taskDefinitionArn", definition.taskDefinitionArn(),
                "attachments", List.of(Map.of("id", "eni-attachment", "type", "ElasticNetworkInterface",
                        "status", "ATTACHED", "details", List.of(Map.of("name", "privateIPv4Address",
                                "value", address))))));
        String name = address;
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write(name.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return task;
    }

    /** The task id of a task. */
    public static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    /**
     * What a connection to an address answers (the backend's address).
     *
     * @param address the address
     * @param port the port
     * @return the answer
     * @throws IOException when the connection fails
     */
    public static String ask(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private JsonNode json(String text) {
        try {
            return context.json().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        networking.close();
        peers.close();
        for (ServerSocket server : servers) {
            server.close();
        }
    }
}
