package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services' networking on the real engine, with moto_server as Cloud Map and ELBv2: an awsvpc backend service of
 * two tasks (httpd on port 80, each answering its own random body) in Service Connect namespace {@code local}
 * with the alias {@code backend:8080}, a Cloud Map registry and a target group, and a bridge-mode service of two
 * tasks (dynamic host ports) with the alias {@code bridged:9090}; a bridge-mode and an awsvpc client service in
 * the same namespace fetch {@code http://backend:8080} (alias port ≠ container port), {@code
 * http://backend-http:80} (the discovery name), {@code http://backend.local} (the registry's DNS name) and
 * {@code http://bridged:9090} and reach both tasks of each; moto_server lists both backend tasks as instances (of
 * the registry, and of the Cloud Map service Service Connect made for {@code backend-http}) and as targets; the front door on the host keeps
 * answering through a forced rolling deployment, with no refused connection, and moto_server then lists the new
 * tasks only; after a restart of the runtime the running client still reaches both tasks through the alias.
 */
class ServiceNetworkIT {
    private static final String NETWORK_LABEL = "dev.localecs.listen-address";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The client: fetches each name twelve times, printing {@code <url> <body>}. The test image's busybox is
     * static glibc, whose resolver crashes on lookups (and its wget with -T), so the script resolves names as a resolver would: from
     * {@code /etc/hosts} first, then from Docker's DNS server (127.0.0.11).
     */
    private static final String CLIENT_SCRIPT = """
            resolve() {
              a=$(awk -v n="$1" '{for (i = 2; i <= NF; i++) if ($i == n) {print $1; exit}}' /etc/hosts)
              [ -n "$a" ] || a=$(nslookup "$1" 127.0.0.11 2>/dev/null | awk '/^Address/ && !/:53/ {print $2}' | head -n 1)
              echo "$a"
            }
            for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
              for target in backend:8080 backend-http:80 backend.local:80 bridged:9090; do
                name=${target%:*}; port=${target#*:}
                echo "http://$target/ $(timeout 5 wget -q -O - "http://$(resolve "$name"):$port/" 2>&1)"
              done
            done
            echo done
            exec sleep 3600
            """;
    @TempDir
    Path state;
    private RuntimeFixture runtime;
    private MotoServer moto;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (runtime != null) {
                for (String service : List.of("client-bridge", "client-awsvpc", "bridged", "backend")) {
                    runtime.ecs().updateService(r -> r.service(service).desiredCount(0));
                    runtime.ecs().deleteService(r -> r.service(service).force(true));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && !runtime.ecs().listTasks(r -> r.desiredStatus(
                        DesiredStatus.STOPPED)).taskArns().stream().allMatch(this::stopped)) {
                    Thread.sleep(200);
                }
                while (System.nanoTime() < deadline && !Docker.run("network", "ls", "-q", "--filter",
                        "label=" + NETWORK_LABEL).isEmpty()) {
                    Thread.sleep(200);
                }
                assertThat(Docker.run("network", "ls", "-q", "--filter", "label=" + NETWORK_LABEL))
                        .as("the Service Connect address networks are given back with their services").isEmpty();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            if (moto != null) {
                moto.close();
            }
            Docker.removeByLabel(NETWORK_LABEL);
        }
    }

    private boolean stopped(String arn) {
        return "STOPPED".equals(runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().getFirst().lastStatus());
    }

    @Test
    void serviceConnectDiscoveryTargetsAndAFrontDoorThroughARollingDeployment() throws Exception {
        moto = MotoServer.start(state);
        AwsCli aws = new AwsCli(moto.endpoint());
        String namespaceOperation = aws.json("servicediscovery", "create-http-namespace", "--name", "local")
                .get("OperationId").asText();
        String namespaceId = aws.json("servicediscovery", "get-operation", "--operation-id", namespaceOperation)
                .at("/Operation/Targets/NAMESPACE").asText();
        JsonNode registry = aws.json("servicediscovery", "create-service", "--name", "backend", "--namespace-id",
                namespaceId).get("Service");
        String vpc = aws.json("ec2", "create-vpc", "--cidr-block", "169.254.0.0/16").at("/Vpc/VpcId").asText();
        String targetGroup = aws.json("elbv2", "create-target-group", "--name", "backend", "--protocol", "HTTP",
                "--port", "80", "--target-type", "ip", "--vpc-id", vpc).at("/TargetGroups/0/TargetGroupArn").asText();
        int frontDoor;
        try (ServerSocket probe = new ServerSocket(0)) {
            frontDoor = probe.getLocalPort();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tasks.remove-containers", "immediately");
        config.put("tasks.awsvpc-host-ports", "never");
        config.put("upstream.servicediscovery.endpoint", moto.endpoint().toString());
        config.put("upstream.elbv2.endpoint", moto.endpoint().toString());
        config.put("front-door.port.backend", Integer.toString(frontDoor));
        runtime = RuntimeFixture.start(state, config, Map.of("AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
        AwsCli cli = new AwsCli(runtime.endpoint());
        cli.ecs("register-task-definition", "--cli-input-json", """
                {"family": "backend", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                 "memory": "512", "containerDefinitions": [
                  {"name": "web", "image": "%s", "stopTimeout": 2,
                   "command": ["sh", "-c", "mkdir -p /tmp/www && cat /proc/sys/kernel/random/uuid > /tmp/www/index.html && exec httpd -f -p 80 -h /tmp/www"],
                   "portMappings": [{"containerPort": 80, "name": "http"}]}]}""".formatted(TestImages.BUSYBOX));
        cli.ecs("create-service", "--cli-input-json", """
                {"serviceName": "backend", "taskDefinition": "backend", "desiredCount": 2, "launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-local"]}},
                 "serviceConnectConfiguration": {"enabled": true, "namespace": "local", "services": [
                   {"portName": "http", "discoveryName": "backend-http",
                    "clientAliases": [{"port": 8080, "dnsName": "backend"}]}]},
                 "serviceRegistries": [{"registryArn": "%s"}],
                 "loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": 80}]}"""
                .formatted(registry.get("Arn").asText(), targetGroup));
        cli.ecs("wait", "services-stable", "--services", "backend");
        Set<String> backendIps = addresses(tasks("backend"));
        assertThat(backendIps).hasSize(2);

        cli.ecs("register-task-definition", "--cli-input-json", """
                {"family": "bridged", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2,
                   "command": ["sh", "-c", "mkdir -p /tmp/www && cat /proc/sys/kernel/random/uuid > /tmp/www/index.html && exec httpd -f -p 80 -h /tmp/www"],
                   "portMappings": [{"containerPort": 80, "hostPort": 0, "name": "http"}]}]}""".formatted(TestImages.BUSYBOX));
        cli.ecs("create-service", "--cli-input-json", """
                {"serviceName": "bridged", "taskDefinition": "bridged", "desiredCount": 2, "launchType": "EC2",
                 "serviceConnectConfiguration": {"enabled": true, "namespace": "local", "services": [
                   {"portName": "http", "clientAliases": [{"port": 9090, "dnsName": "bridged"}]}]}}""");
        cli.ecs("wait", "services-stable", "--services", "bridged");

        for (String mode : List.of("bridge", "awsvpc")) {
            String family = "client-" + mode;
            Map<String, Object> definition = new LinkedHashMap<>(Map.of("family", family, "networkMode", mode,
                    "containerDefinitions", List.of(Map.of("name", "curl", "image", TestImages.BUSYBOX,
                            "memory", 32, "stopTimeout", 2, "command", List.of("sh", "-c", CLIENT_SCRIPT)))));
            cli.ecs("register-task-definition", "--cli-input-json", JSON.writeValueAsString(definition));
            cli.ecs("create-service", "--cli-input-json", """
                    {"serviceName": "%s", "taskDefinition": "%1$s", "desiredCount": 1, "launchType": "EC2",
                     %s
                     "serviceConnectConfiguration": {"enabled": true, "namespace": "local"}}""".formatted(family,
                    mode.equals("awsvpc") ? "\"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [\"subnet-local\"]}}," : ""));
        }
        for (String mode : List.of("bridge", "awsvpc")) {
            String family = "client-" + mode;
            cli.ecs("wait", "services-stable", "--services", family);
            List<String> output = awaitOutput(tasks(family).getFirst().taskArn());
            Map<String, Set<String>> bodies = new LinkedHashMap<>();
            for (String line : output) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2 && parts[0].startsWith("http://")) {
                    bodies.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[1].trim());
                }
            }
            assertThat(bodies.get("http://backend:8080/")).as(mode + " client: the alias reaches both awsvpc "
                    + "backend tasks: " + output).hasSize(2).allMatch(body -> body.matches("[0-9a-f-]{36}"));
            assertThat(bodies.get("http://backend-http:80/")).as(mode + " client: the discovery name: " + output)
                    .isEqualTo(bodies.get("http://backend:8080/"));
            assertThat(bodies.get("http://backend.local:80/")).as(mode + " client: the registry's DNS name on the "
                    + "task network: " + output).isNotEmpty().isSubsetOf(bodies.get("http://backend:8080/"));
            assertThat(bodies.get("http://bridged:9090/")).as(mode + " client: the alias reaches both bridge-mode "
                    + "tasks: " + output).hasSize(2).allMatch(body -> body.matches("[0-9a-f-]{36}"))
                    .doesNotContainAnyElementsOf(bodies.get("http://backend:8080/"));
        }

        assertThat(instances(aws, registry.get("Id").asText())).isEqualTo(backendIps);
        assertThat(targets(aws, targetGroup)).isEqualTo(backendIps);
        String connectService = null;
        for (JsonNode service : aws.json("servicediscovery", "list-services").get("Services")) {
            if (service.get("Name").asText().equals("backend-http") && aws.json("servicediscovery", "get-service",
                    "--id", service.get("Id").asText()).at("/Service/NamespaceId").asText().equals(namespaceId)) {
                connectService = service.get("Id").asText();
            }
        }
        assertThat(connectService).as("Service Connect's Cloud Map service of backend-http in local").isNotNull();
        assertThat(instances(aws, connectService)).isEqualTo(backendIps);

        AtomicBoolean rolling = new AtomicBoolean(true);
        List<String> failures = new ArrayList<>();
        int[] answered = {0};
        Thread requests = Thread.ofPlatform().start(() -> {
            while (rolling.get()) {
                try {
                    String answer = get(frontDoor);
                    if (answer.startsWith("HTTP/1.0 200") || answer.startsWith("HTTP/1.1 200")) {
                        answered[0]++;
                    } else {
                        failures.add("answer: " + answer.lines().findFirst().orElse(""));
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            }
        });
        String before = service("backend").deployments().getFirst().id();
        cli.ecs("update-service", "--service", "backend", "--force-new-deployment");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Service rolled = service("backend");
        while (!(rolled.deployments().size() == 1 && !rolled.deployments().getFirst().id().equals(before)
                && "COMPLETED".equals(rolled.deployments().getFirst().rolloutStateAsString())
                && tasks("backend").size() == 2)) {
            assertThat(System.nanoTime()).as("the rolling deployment: " + rolled).isLessThan(deadline);
            Thread.sleep(200);
            rolled = service("backend");
        }
        Thread.sleep(1_000);
        rolling.set(false);
        requests.join();
        assertThat(failures).as("front door requests during the rolling deployment (" + answered[0] + " answered)")
                .isEmpty();
        assertThat(answered[0]).isGreaterThan(20);
        Set<String> newIps = addresses(tasks("backend"));
        assertThat(newIps).hasSize(2).doesNotContainAnyElementsOf(backendIps);
        awaitEqual(() -> instances(aws, registry.get("Id").asText()), newIps, "Cloud Map instances");
        awaitEqual(() -> targets(aws, targetGroup), newIps, "targets");
        String connected = connectService;
        awaitEqual(() -> instances(aws, connected), newIps, "Service Connect's Cloud Map instances");

        // a restarted runtime serves the names at the same addresses: the running client keeps reaching them
        runtime.restart();
        String client = Docker.run("ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn="
                + tasks("client-bridge").getFirst().taskArn(), "--filter",
                "label=com.amazonaws.ecs.container-name=curl").getFirst();
        Set<String> afterRestart = new HashSet<>();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> seen = new ArrayList<>();
        while (afterRestart.size() < 2 && System.nanoTime() < until) {
            // until the restarted runtime's first refresh (within a second) the listener is not back yet
            String body = String.join("", Docker.run("exec", client, "sh", "-c", "timeout 5 wget -q -O - "
                    + "http://$(awk '$2 == \"backend\" {print $1}' /etc/hosts):8080/ 2>&1 || true")).trim();
            seen.add(body);
            if (body.matches("[0-9a-f-]{36}")) {
                afterRestart.add(body);
            }
        }
        assertThat(afterRestart).as("the alias after a restart of the runtime: " + seen).hasSize(2)
                .isEqualTo(bodies(tasks("backend")));
    }

    private interface Look {
        Set<String> get() throws Exception;
    }

    private static void awaitEqual(Look look, Set<String> expected, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> seen = look.get();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = look.get();
        }
        assertThat(seen).as(what).isEqualTo(expected);
    }

    private static Set<String> instances(AwsCli aws, String serviceId) {
        Set<String> ips = new HashSet<>();
        for (JsonNode instance : aws.json("servicediscovery", "list-instances", "--service-id", serviceId)
                .get("Instances")) {
            assertThat(instance.at("/Attributes/AWS_INSTANCE_PORT").asText()).isEqualTo("80");
            ips.add(instance.at("/Attributes/AWS_INSTANCE_IPV4").asText());
        }
        return ips;
    }

    private static Set<String> targets(AwsCli aws, String targetGroup) {
        Set<String> ips = new HashSet<>();
        for (JsonNode target : aws.json("elbv2", "describe-target-health", "--target-group-arn", targetGroup)
                .get("TargetHealthDescriptions")) {
            assertThat(target.at("/Target/Port").asInt()).isEqualTo(80);
            ips.add(target.at("/Target/Id").asText());
        }
        return ips;
    }

    /** What each task answers, asked at its ENI address from the host. */
    private static Set<String> bodies(List<Task> tasks) throws IOException {
        Set<String> bodies = new HashSet<>();
        for (String address : addresses(tasks)) {
            String answer = get(address, 80);
            bodies.add(answer.substring(answer.indexOf("\r\n\r\n") + 4).trim());
        }
        return bodies;
    }

    /** One HTTP/1.0 request to the front door; the whole answer. */
    private static String get(int port) throws IOException {
        return get("127.0.0.1", port);
    }

    private static String get(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private List<String> awaitOutput(String taskArn) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> containers = Docker.run("ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + taskArn,
                "--filter", "label=com.amazonaws.ecs.container-name=curl");
        assertThat(containers).hasSize(1);
        List<String> output = Docker.run("logs", containers.getFirst());
        while (!output.contains("done") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            output = Docker.run("logs", containers.getFirst());
        }
        assertThat(output).as("the client's output").contains("done");
        return output;
    }

    private Service service(String name) {
        return runtime.ecs().describeServices(r -> r.services(name)).services().getFirst();
    }

    private List<Task> tasks(String service) {
        List<String> arns = runtime.ecs().listTasks(r -> r.serviceName(service)).taskArns();
        return arns.isEmpty() ? List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
    }

    private static Set<String> addresses(List<Task> tasks) {
        Set<String> ips = new HashSet<>();
        for (Task task : tasks) {
            task.attachments().getFirst().details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                    .forEach(d -> ips.add(d.value()));
        }
        return ips;
    }
}
