package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Docker engine as the container instance of every cluster, driven by the AWS CLI: its resources,
 * version and attributes as the engine reports them, custom attributes, draining, deregistration, the agent
 * operations, and EC2 placement with real tasks (reservations, host ports, constraints, StartTask).
 */
class ContainerInstancesIT {
    @TempDir
    Path state;
    private RuntimeFixture runtime;
    private AwsCli aws;
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        aws = new AwsCli(runtime.endpoint());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (String arn : started) {
                runtime.ecs().stopTask(r -> r.cluster("default").task(arn));
            }
            for (String arn : started) {
                runtime.awaitStatus("default", arn, "STOPPED", Duration.ofSeconds(60));
            }
        } finally {
            runtime.close();
        }
    }

    private String instanceArn() {
        JsonNode arns = aws.ecs("list-container-instances").get("containerInstanceArns");
        assertThat(arns).hasSize(1);
        return arns.get(0).asText();
    }

    private JsonNode describe(String arn, String... include) {
        List<String> args = new ArrayList<>(List.of("describe-container-instances", "--container-instances", arn));
        if (include.length > 0) {
            args.add("--include");
            args.addAll(List.of(include));
        }
        return aws.ecs(args.toArray(String[]::new)).at("/containerInstances/0");
    }

    private static int resource(JsonNode instance, String list, String name) {
        for (JsonNode resource : instance.get(list)) {
            if (resource.get("name").asText().equals(name)) {
                return resource.get("integerValue").asInt();
            }
        }
        throw new AssertionError(name + " missing from " + list);
    }

    private static List<String> ports(JsonNode instance, String list) {
        for (JsonNode resource : instance.get(list)) {
            if (resource.get("name").asText().equals("PORTS")) {
                List<String> ports = new ArrayList<>();
                resource.get("stringSetValue").forEach(p -> ports.add(p.asText()));
                return ports;
            }
        }
        throw new AssertionError("PORTS missing from " + list);
    }

    private void register(String family, String containers) {
        aws.ecs("register-task-definition", "--family", family, "--container-definitions", containers);
    }

    private JsonNode runTask(String... args) {
        List<String> all = new ArrayList<>(List.of("run-task"));
        all.addAll(List.of(args));
        JsonNode response = aws.ecs(all.toArray(String[]::new));
        response.get("tasks").forEach(task -> started.add(task.get("taskArn").asText()));
        return response;
    }

    @Test
    void theEngineIsEachClustersContainerInstanceAsTheEngineReportsIt() throws Exception {
        String arn = instanceArn();
        assertThat(arn).matches("arn:aws:ecs:us-east-1:000000000000:container-instance/default/[0-9a-f]{32}");
        JsonNode instance = describe(arn, "TAGS", "CONTAINER_INSTANCE_HEALTH");
        int cpus = Integer.parseInt(Docker.run("info", "--format", "{{.NCPU}}").get(0).trim());
        long memoryMib = Long.parseLong(Docker.run("info", "--format", "{{.MemTotal}}").get(0).trim()) / (1024 * 1024);
        String version = Docker.run("version", "--format", "{{.Server.Version}}").get(0).trim();

        assertThat(instance.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(instance.get("agentConnected").asBoolean()).isTrue();
        assertThat(instance.get("ec2InstanceId").asText()).matches("i-[0-9a-f]{17}");
        assertThat(resource(instance, "registeredResources", "CPU")).isEqualTo(cpus * 1024);
        assertThat(resource(instance, "registeredResources", "MEMORY")).isEqualTo((int) memoryMib);
        assertThat(resource(instance, "remainingResources", "MEMORY")).isEqualTo((int) memoryMib);
        assertThat(ports(instance, "registeredResources")).containsExactly("22", "2375", "2376", "51678", "51679");
        assertThat(instance.at("/versionInfo/dockerVersion").asText()).isEqualTo(version);
        assertThat(instance.at("/healthStatus/overallStatus").asText()).isEqualTo("OK");
        assertThat(instance.at("/healthStatus/details/0/type").asText()).isEqualTo("CONTAINER_RUNTIME");
        List<String> names = new ArrayList<>();
        instance.get("attributes").forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).contains("ecs.os-type", "ecs.cpu-architecture", "ecs.capability.task-eni",
                "com.amazonaws.ecs.capability.logging-driver.json-file",
                "com.amazonaws.ecs.capability.docker-remote-api.1.17");
        assertThat(aws.ecs("describe-clusters").at("/clusters/0/registeredContainerInstancesCount").asInt())
                .isEqualTo(1);

        aws.ecs("create-cluster", "--cluster-name", "cplane-other");
        String other = aws.ecs("list-container-instances", "--cluster", "cplane-other")
                .at("/containerInstanceArns/0").asText();
        assertThat(other).contains(":container-instance/cplane-other/").isNotEqualTo(arn);
        assertThat(aws.ecs("describe-container-instances", "--container-instances", arn, "0123")
                .at("/failures/0/reason").asText()).isEqualTo("MISSING");
        assertThat(aws.ecs("discover-poll-endpoint", "--container-instance", arn).get("endpoint").asText())
                .isEqualTo(runtime.endpoint() + "/");
    }

    @Test
    void attributesFiltersDrainingDeregistrationAndTheAgentOperations() {
        String arn = instanceArn();
        String id = arn.substring(arn.lastIndexOf('/') + 1);

        assertThat(aws.ecs("list-container-instances", "--filter", "attribute:ecs.os-type == linux")
                .get("containerInstanceArns")).hasSize(1);
        assertThat(aws.ecs("list-container-instances", "--filter", "attribute:ecs.os-type == windows")
                .get("containerInstanceArns")).isEmpty();

        JsonNode put = aws.ecs("put-attributes", "--attributes", "name=stack,value=blue,targetId=" + id);
        assertThat(put.at("/attributes/0/targetId").asText()).isEqualTo(arn);
        assertThat(aws.ecs("list-attributes", "--target-type", "container-instance", "--attribute-name", "stack")
                .at("/attributes/0/value").asText()).isEqualTo("blue");
        assertThat(aws.ecs("list-container-instances", "--filter",
                "attribute:stack in [red, blue] and not attribute:zone exists").get("containerInstanceArns")).hasSize(1);
        aws.ecs("delete-attributes", "--attributes", "name=stack,targetId=" + arn);
        assertThat(aws.ecs("list-attributes", "--target-type", "container-instance", "--attribute-name", "stack")
                .get("attributes")).isEmpty();

        JsonNode drained = aws.ecs("update-container-instances-state", "--container-instances", arn,
                "--status", "DRAINING");
        assertThat(drained.at("/containerInstances/0/status").asText()).isEqualTo("DRAINING");
        assertThat(aws.ecs("list-container-instances", "--status", "ACTIVE").get("containerInstanceArns")).isEmpty();
        register("cplane-idle", "[{\"name\":\"a\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":16}]");
        AwsCli.Result refused = aws.ecsResult("run-task", "--task-definition", "cplane-idle");
        assertThat(refused.error()).contains("InvalidParameterException")
                .contains("No Container Instances were found in your cluster.");
        aws.ecs("update-container-instances-state", "--container-instances", id, "--status", "ACTIVE");

        AwsCli.Result agent = aws.ecsResult("update-container-agent", "--container-instance", arn);
        assertThat(agent.exitCode()).isNotZero();
        assertThat(agent.error()).contains("NoUpdateAvailableException")
                .contains("There is no update available for your container agent.");

        JsonNode deregistered = aws.ecs("deregister-container-instance", "--container-instance", arn, "--force");
        assertThat(deregistered.at("/containerInstance/status").asText()).isEqualTo("INACTIVE");
        assertThat(aws.ecs("list-container-instances").get("containerInstanceArns")).isEmpty();
        assertThat(aws.ecs("describe-clusters").at("/clusters/0/registeredContainerInstancesCount").asInt()).isZero();

        JsonNode registered = aws.ecs("register-container-instance", "--attributes", "name=zone,value=lab",
                "--tags", "key=owner,value=cplane");
        assertThat(registered.at("/containerInstance/containerInstanceArn").asText()).isEqualTo(arn);
        assertThat(registered.at("/containerInstance/status").asText()).isEqualTo("ACTIVE");
        JsonNode tagged = describe(arn, "TAGS");
        assertThat(tagged.at("/tags/0/key").asText()).isEqualTo("owner");
        assertThat(aws.ecs("list-tags-for-resource", "--resource-arn", arn).at("/tags/0/value").asText())
                .isEqualTo("cplane");
        assertThat(aws.ecs("list-container-instances", "--filter", "attribute:zone == lab")
                .get("containerInstanceArns")).hasSize(1);
    }

    @Test
    void ec2TasksReserveResourcesAndWhatDoesNotFitIsAFailure() throws Exception {
        String arn = instanceArn();
        int hostPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            hostPort = socket.getLocalPort();
        }
        register("cplane-web", "[{\"name\":\"web\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":48,"
                + "\"cpu\":128,\"command\":[\"sleep\",\"600\"],\"portMappings\":[{\"containerPort\":80,\"hostPort\":"
                + hostPort + "}]}]");
        register("cplane-huge", "[{\"name\":\"a\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":100000000}]");
        register("cplane-small", "[{\"name\":\"a\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":16,"
                + "\"command\":[\"sleep\",\"600\"]}]");
        int memory = resource(describe(arn), "registeredResources", "MEMORY");
        int cpu = resource(describe(arn), "registeredResources", "CPU");

        JsonNode web = runTask("--task-definition", "cplane-web");
        assertThat(web.get("failures")).isEmpty();
        assertThat(web.at("/tasks/0/containerInstanceArn").asText()).isEqualTo(arn);
        assertThat(web.at("/tasks/0/launchType").asText()).isEqualTo("EC2");
        JsonNode busy = describe(arn);
        assertThat(resource(busy, "remainingResources", "MEMORY")).isEqualTo(memory - 48);
        assertThat(resource(busy, "remainingResources", "CPU")).isEqualTo(cpu - 128);
        assertThat(ports(busy, "remainingResources")).contains(String.valueOf(hostPort));
        runtime.awaitStatus("default", web.at("/tasks/0/taskArn").asText(), "RUNNING", Duration.ofSeconds(60));
        assertThat(describe(arn).get("runningTasksCount").asInt()).isEqualTo(1);

        JsonNode conflict = runTask("--task-definition", "cplane-web");
        assertThat(conflict.get("tasks")).isEmpty();
        assertThat(conflict.at("/failures/0/reason").asText()).isEqualTo("RESOURCE:PORTS");
        assertThat(conflict.at("/failures/0/arn").asText()).isEqualTo(arn);
        JsonNode huge = runTask("--task-definition", "cplane-huge");
        assertThat(huge.get("tasks")).isEmpty();
        assertThat(huge.at("/failures/0/reason").asText()).isEqualTo("RESOURCE:MEMORY");
        JsonNode member = runTask("--task-definition", "cplane-small", "--placement-constraints",
                "[{\"type\":\"memberOf\",\"expression\":\"attribute:stack == blue\"}]");
        assertThat(member.at("/failures/0/reason").asText()).isEqualTo("MemberOf placement constraint unsatisfied.");
        JsonNode binpacked = runTask("--task-definition", "cplane-small", "--placement-strategy",
                "type=binpack,field=memory", "--placement-constraints",
                "[{\"type\":\"memberOf\",\"expression\":\"attribute:ecs.os-type == linux\"}]");
        assertThat(binpacked.get("tasks")).hasSize(1);

        String id = arn.substring(arn.lastIndexOf('/') + 1);
        JsonNode startedTask = aws.ecs("start-task", "--task-definition", "cplane-small", "--container-instances",
                id, "0123456789abcdef0123456789abcdef");
        startedTask.get("tasks").forEach(task -> started.add(task.get("taskArn").asText()));
        assertThat(startedTask.get("tasks")).hasSize(1);
        assertThat(startedTask.at("/tasks/0/containerInstanceArn").asText()).isEqualTo(arn);
        assertThat(startedTask.at("/failures/0/reason").asText()).isEqualTo("MISSING");
        assertThat(startedTask.at("/failures/0/arn").asText()).endsWith("/default/0123456789abcdef0123456789abcdef");

        for (String task : started) {
            runtime.ecs().stopTask(r -> r.cluster("default").task(task));
            runtime.awaitStatus("default", task, "STOPPED", Duration.ofSeconds(60));
        }
        JsonNode free = describe(arn);
        assertThat(resource(free, "remainingResources", "MEMORY")).isEqualTo(memory);
        assertThat(ports(free, "remainingResources")).doesNotContain(String.valueOf(hostPort));
        assertThat(runTask("--task-definition", "cplane-web").get("failures")).as("the port is free again").isEmpty();
    }
}
