package dev.localecs.runtime.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.Resource;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.runtime.state.FileCapacityProviderRegistry;
import dev.localecs.runtime.state.FileClusterRegistry;
import dev.localecs.runtime.state.FileTaskDefinitionRegistry;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContainerInstancesTest {
    private static final ObjectMapper JSON = EcsJson.create();
    private static final EcsArns ARNS = new EcsArns("us-east-1", "000000000000");
    /** Two cores and 1000 MiB. */
    private static final EngineHost HOST = new EngineHost("engine-1", 2, 1000, "27.1.1", "1.46", "linux", "x86_64",
            List.of("json-file", "awslogs"));

    @TempDir
    Path state;
    private JsonFileStore store;
    private FileTaskDefinitionRegistry definitions;
    private ListedTasks tasks;
    private static final String LOCAL = ARNS.localContainerInstance("default");
    private LocalContainerInstances instances;
    private List<EngineNode> nodes = List.of();

    @BeforeEach
    void create() {
        store = new JsonFileStore(state, JSON);
        definitions = new FileTaskDefinitionRegistry(store, reference -> Optional.empty());
        tasks = new ListedTasks();
        instances = instances();
    }

    private LocalContainerInstances instances() {
        return new LocalContainerInstances(store, ARNS, Clock.systemUTC(), new FileClusterRegistry(store, ARNS),
                new FileCapacityProviderRegistry(store, ARNS), tasks, definitions, () -> Optional.of(HOST), () -> nodes, "1.89.1",
                new Random(7));
    }

    private TaskDefinition definition(String family, String containers) {
        return definitions.register(family, revision -> {
            try {
                return JSON.readValue("{\"family\": \"" + family + "\", \"revision\": " + revision
                        + ", \"status\": \"ACTIVE\", \"taskDefinitionArn\": \"" + ARNS.taskDefinition(family, revision)
                        + "\", \"containerDefinitions\": " + containers + "}", TaskDefinition.class);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private PlacementResult place(TaskDefinition definition, int count, PlacementConstraint... constraints) {
        return place(definition, count, List.of(), constraints);
    }

    private PlacementResult place(TaskDefinition definition, int count, List<PlacementStrategy> strategies,
                                  PlacementConstraint... constraints) {
        RunTaskSpec spec = new RunTaskSpec(definition, "default", Optional.empty(), Optional.empty(),
                "family:" + definition.family(), "EC2", Optional.empty(), Optional.empty(), Optional.empty(), false,
                List.of());
        return instances.place(new PlacementRequest(spec, count, List.of(constraints), strategies, Optional.empty(),
                tasks::run));
    }

    private ContainerInstance local() {
        return instances.find("default", LOCAL).orElseThrow();
    }

    private static int value(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().integerValue();
    }

    private static List<String> ports(List<Resource> resources) {
        return resources.stream().filter(r -> r.name().equals("PORTS")).findFirst().orElseThrow().stringSetValue();
    }

    @Test
    void registersTheEngineWithItsResourcesVersionAndAttributes() {
        ContainerInstance instance = local();

        assertThat(instance.containerInstanceArn()).isEqualTo(ARNS.localContainerInstance("default"))
                .matches("arn:aws:ecs:us-east-1:000000000000:container-instance/default/[0-9a-f]{32}");
        assertThat(instance.ec2InstanceId()).matches("i-[0-9a-f]{17}");
        assertThat(instance.status()).isEqualTo("ACTIVE");
        assertThat(instance.agentConnected()).isTrue();
        assertThat(value(instance.registeredResources(), "CPU")).isEqualTo(2048);
        assertThat(value(instance.registeredResources(), "MEMORY")).isEqualTo(1000);
        assertThat(ports(instance.registeredResources())).containsExactly("22", "2375", "2376", "51678", "51679");
        assertThat(instance.versionInfo().dockerVersion()).isEqualTo("27.1.1");
        assertThat(instance.attributes()).extracting(Attribute::name).contains("ecs.os-type",
                "ecs.cpu-architecture", "com.amazonaws.ecs.capability.docker-remote-api.1.46",
                "com.amazonaws.ecs.capability.logging-driver.awslogs", "ecs.capability.task-eni")
                .doesNotContain("com.amazonaws.ecs.capability.docker-remote-api.1.47");
    }

    @Test
    void remainingResourcesFollowTasksAsTheyStartAndStop() {
        TaskDefinition web = definition("web", """
                [{"name": "a", "image": "i", "cpu": 512, "memory": 300,
                  "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]""");

        Task task = place(web, 1).tasks().get(0);
        ContainerInstance busy = local();
        assertThat(value(busy.remainingResources(), "CPU")).isEqualTo(2048 - 512);
        assertThat(value(busy.remainingResources(), "MEMORY")).isEqualTo(700);
        assertThat(ports(busy.remainingResources())).contains("8080");
        assertThat(busy.pendingTasksCount()).isEqualTo(1);
        tasks.move(task, "RUNNING");
        assertThat(local().runningTasksCount()).isEqualTo(1);

        tasks.move(task, "STOPPED");
        ContainerInstance free = local();
        assertThat(value(free.remainingResources(), "MEMORY")).isEqualTo(1000);
        assertThat(ports(free.remainingResources())).doesNotContain("8080");
        assertThat(free.runningTasksCount()).isZero();
    }

    @Test
    void placementAndDescribeAskOnlyForTheTasksHoldingResourcesNeverForTheStoppedOnes() {
        TaskDefinition web = definition("web", """
                [{"name": "a", "image": "i", "cpu": 256, "memory": 100,
                  "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]""");
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 200}]");
        for (int i = 0; i < 5; i++) {
            tasks.move(place(small, 1).tasks().get(0), "STOPPED");
        }
        Task stopping = place(web, 1).tasks().get(0);
        tasks.move(stopping, "RUNNING");
        tasks.stopping(stopping); // desired STOPPED, last RUNNING: it still holds its memory and port
        place(small, 1); // PENDING
        tasks.listings.clear();

        ContainerInstance instance = local();
        assertThat(value(instance.remainingResources(), "CPU")).isEqualTo(2048 - 256);
        assertThat(value(instance.remainingResources(), "MEMORY")).isEqualTo(1000 - 100 - 200);
        assertThat(ports(instance.remainingResources())).contains("8080");
        assertThat(instance.runningTasksCount()).isEqualTo(1);
        assertThat(instance.pendingTasksCount()).isEqualTo(1);
        assertThat(place(web, 1).failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:PORTS");
        PlacementResult filled = place(small, 4);
        assertThat(filled.tasks()).hasSize(3);
        assertThat(filled.failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:MEMORY");
        assertThat(tasks.listings).as("tasks listed by desired status (the stopped ones walked)").isEmpty();
    }

    @Test
    void aTaskThatDoesNotFitIsAFailureNotALaunch() {
        PlacementResult result = place(definition("big", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 1200}]"), 1);

        assertThat(result.tasks()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.arn()).isEqualTo(ARNS.localContainerInstance("default"));
            assertThat(failure.reason()).isEqualTo("RESOURCE:MEMORY");
        });
        assertThat(tasks.runs).hasValue(0);
        assertThat(place(definition("cpu", "[{\"name\": \"a\", \"image\": \"i\", \"cpu\": 4096, \"memory\": 8}]"), 1)
                .failures()).singleElement().extracting(f -> f.reason()).isEqualTo("RESOURCE:CPU");
    }

    @Test
    void placesAsManyAsFitAndFailsTheRest() {
        PlacementResult result = place(definition("half", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 400}]"), 3);

        assertThat(result.tasks()).hasSize(2);
        assertThat(result.failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:MEMORY");
    }

    @Test
    void hostPortsInUseOrReservedByTheAgentAreResourcePorts() {
        TaskDefinition web = definition("web", """
                [{"name": "a", "image": "i", "memory": 8, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]""");
        assertThat(place(web, 1).tasks()).hasSize(1);

        assertThat(place(web, 1).failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:PORTS");
        assertThat(place(definition("ssh", """
                [{"name": "a", "image": "i", "memory": 8, "portMappings": [{"containerPort": 22, "hostPort": 22}]}]"""),
                1).failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:PORTS");
        assertThat(place(definition("dynamic", """
                [{"name": "a", "image": "i", "memory": 8, "portMappings": [{"containerPort": 80}]}]"""), 2).tasks())
                .hasSize(2);
    }

    @Test
    void memberOfAndDistinctInstanceConstraintsDecide() {
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 8}]");
        assertThat(place(small, 1, new PlacementConstraint("memberOf", "attribute:stack == blue")).failures())
                .extracting(f -> f.reason()).containsExactly("MemberOf placement constraint unsatisfied.");

        instances.putAttributes("default", List.of(new Attribute("stack", "blue", null, LOCAL)));
        assertThat(place(small, 1, new PlacementConstraint("memberOf", "attribute:stack == blue")).tasks())
                .hasSize(1);

        PlacementResult distinct = place(small, 2, new PlacementConstraint("distinctInstance", null));
        assertThat(distinct.tasks()).isEmpty();
        assertThat(distinct.failures()).extracting(f -> f.reason())
                .containsExactly("DistinctInstance placement constraint unsatisfied.");
        assertThatThrownBy(() -> place(small, 1, new PlacementConstraint("memberOf", "attribute:stack ==")))
                .isInstanceOf(EcsException.class).hasMessageContaining("is not valid");
    }

    @Test
    void aDrainingOrDeregisteredInstanceTakesNoTasks() {
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 8}]");
        instances.updateStatus("default", LOCAL, "DRAINING");

        assertThatThrownBy(() -> place(small, 1)).isInstanceOf(EcsException.class)
                .hasMessage("No Container Instances were found in your cluster.");
        assertThat(instances.list("default", Optional.empty(), Optional.of("ACTIVE"))).isEmpty();
        assertThat(instances.list("default", Optional.empty(), Optional.of("DRAINING"))).hasSize(1);

        instances.updateStatus("default", LOCAL, "ACTIVE");
        place(small, 1);
        assertThatThrownBy(() -> instances.deregister("default", LOCAL, false)).isInstanceOf(EcsException.class)
                .hasMessage("Found running tasks on the instance.");
        assertThat(instances.deregister("default", LOCAL, true).status()).isEqualTo("INACTIVE");
        assertThat(instances.find("default", LOCAL)).isEmpty();
        assertThatThrownBy(() -> place(small, 1)).hasMessage("No Container Instances were found in your cluster.");
        assertThat(instances.register("default", Optional.empty(), List.of()).status()).isEqualTo("ACTIVE");
    }

    @Test
    void statusAndAttributesSurviveARestartAndReservationsAreRecomputed() {
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 100}]");
        place(small, 1);
        instances.putAttributes("default", List.of(new Attribute("stack", "blue", null, LOCAL)));
        instances.updateStatus("default", LOCAL, "DRAINING");

        LocalContainerInstances restarted = instances();

        ContainerInstance instance = restarted.find("default", LOCAL).orElseThrow();
        assertThat(instance.status()).isEqualTo("DRAINING");
        assertThat(instance.attributes()).contains(new Attribute("stack", "blue", null, null));
        assertThat(value(instance.remainingResources(), "MEMORY")).isEqualTo(900);
        assertThat(restarted.list("default", Optional.of("attribute:stack == blue"), Optional.empty())).hasSize(1);
        assertThat(restarted.list("default", Optional.of("attribute:stack == red"), Optional.empty())).isEmpty();
    }

    @Test
    void concurrentPlacementsNeverOverbookTheMachine() throws Exception {
        TaskDefinition tenth = definition("tenth", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 100}]");
        List<Future<PlacementResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> place(tenth, 1)));
            }
        }
        List<Task> placed = Collections.synchronizedList(new ArrayList<>());
        for (Future<PlacementResult> result : results) {
            placed.addAll(result.get().tasks());
        }

        assertThat(placed).hasSize(10);
        assertThat(value(local().remainingResources(), "MEMORY")).isZero();
    }

    @Test
    void customAttributesAreLimitedToTen() {
        List<Attribute> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new Attribute("a" + i, null, null, LOCAL));
        }
        assertThatThrownBy(() -> instances.putAttributes("default", eleven)).isInstanceOf(EcsException.class)
                .extracting(e -> ((EcsException) e).code().awsCode()).isEqualTo("AttributeLimitExceededException");
    }

    @Test
    void anUnreachableEngineShowsAsADisconnectedAgentAndLeavesTheLaunchToSayWhy() {
        AtomicBoolean up = new AtomicBoolean(false);
        instances = new LocalContainerInstances(store, ARNS, Clock.systemUTC(), new FileClusterRegistry(store, ARNS),
                new FileCapacityProviderRegistry(store, ARNS), tasks, definitions, () -> {
                    if (!up.get()) {
                        throw new IllegalStateException("engine down");
                    }
                    return Optional.of(HOST);
                }, List::of, "1.89.1", new Random(7));
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 8}]");

        assertThat(local().agentConnected()).isFalse();
        assertThat(place(small, 1).tasks()).as("never reached: no resources to check").hasSize(1);

        up.set(true);
        assertThat(local().agentConnected()).isTrue();
        up.set(false);
        ContainerInstance down = local();
        assertThat(down.agentConnected()).isFalse();
        assertThat(value(down.registeredResources(), "MEMORY")).as("the last known machine").isEqualTo(1000);
        assertThat(place(definition("big", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 5000}]"), 1)
                .failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:MEMORY");
    }

    /** Two nodes in two zones: a with 2048 CPU units and 1000 MiB, b with 1024 and 500. */
    private void twoNodes() {
        nodes = List.of(
                new EngineNode("node-b", 1024, 500, Map.of("ecs.availability-zone", "zone-2",
                        "ecs.instance-type", "m5.large"), Optional.empty(), "containerd://1.7.2"),
                new EngineNode("node-a", 2048, 1000, Map.of("ecs.availability-zone", "zone-1"),
                        Optional.of("i-0123456789abcdef0"), "containerd://1.7.2"));
    }

    private ContainerInstance node(String name) {
        return instances.find("default", ARNS.containerInstance("default",
                EcsArns.containerInstanceId("default", Optional.of(name)))).orElseThrow();
    }

    private static String attribute(ContainerInstance instance, String name) {
        return instance.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void eachNodeOfAMultiMachineEngineIsAnInstanceWithItsOwnResourcesAndAttributes() {
        twoNodes();

        List<ContainerInstance> listed = instances.list("default", Optional.empty(), Optional.empty());

        assertThat(listed).extracting(ContainerInstance::containerInstanceArn)
                .containsExactlyInAnyOrder(node("node-a").containerInstanceArn(), node("node-b").containerInstanceArn())
                .doesNotContain(LOCAL).isSorted();
        ContainerInstance a = node("node-a");
        assertThat(a.ec2InstanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(value(a.registeredResources(), "CPU")).isEqualTo(2048);
        assertThat(value(node("node-b").registeredResources(), "MEMORY")).isEqualTo(500);
        assertThat(node("node-b").ec2InstanceId()).matches("i-[0-9a-f]{17}");
        assertThat(attribute(a, "ecs.availability-zone")).isEqualTo("zone-1");
        assertThat(attribute(node("node-b"), "ecs.instance-type")).isEqualTo("m5.large");
        assertThat(attribute(a, "ecs.instance-type")).as("the engine's default").isEqualTo("local");
        assertThat(a.versionInfo().dockerVersion()).isEqualTo("containerd://1.7.2");
        assertThat(instances.list("default", Optional.of("attribute:ecs.availability-zone == zone-2"),
                Optional.empty())).extracting(ContainerInstance::containerInstanceArn)
                .containsExactly(node("node-b").containerInstanceArn());
    }

    @Test
    void binpackPutsTheTaskOnTheNodeWithTheLeastLeftAndOnlyThatNodeHoldsIt() {
        twoNodes();
        TaskDefinition web = definition("web", """
                [{"name": "a", "image": "i", "cpu": 256, "memory": 300,
                  "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]""");

        Task first = place(web, 1, List.of(new PlacementStrategy("binpack", "memory"))).tasks().get(0);

        assertThat(first.containerInstanceArn()).isEqualTo(node("node-b").containerInstanceArn());
        assertThat(value(node("node-b").remainingResources(), "MEMORY")).isEqualTo(200);
        assertThat(value(node("node-a").remainingResources(), "MEMORY")).isEqualTo(1000);
        assertThat(node("node-b").pendingTasksCount()).isEqualTo(1);
        assertThat(node("node-a").pendingTasksCount()).isZero();
        Task second = place(web, 1, List.of(new PlacementStrategy("binpack", "memory"))).tasks().get(0);
        assertThat(second.containerInstanceArn()).as("b has no memory and its port 8080 is taken")
                .isEqualTo(node("node-a").containerInstanceArn());
        PlacementResult third = place(web, 1, List.of(new PlacementStrategy("binpack", "memory")));
        assertThat(third.tasks()).isEmpty();
        assertThat(third.failures()).extracting(f -> f.arn() + " " + f.reason()).containsExactlyInAnyOrder(
                node("node-a").containerInstanceArn() + " RESOURCE:PORTS",
                node("node-b").containerInstanceArn() + " RESOURCE:MEMORY");
    }

    @Test
    void spreadByZoneAndByInstanceBalanceTheGroupsTasks() {
        twoNodes();
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 10}]");

        List<Task> zones = place(small, 4, List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone")))
                .tasks();
        assertThat(zones).extracting(Task::containerInstanceArn).filteredOn(node("node-a").containerInstanceArn()::equals)
                .hasSize(2);
        List<Task> hosts = place(small, 2, List.of(new PlacementStrategy("spread", "instanceId"))).tasks();
        assertThat(hosts).extracting(Task::containerInstanceArn).containsExactlyInAnyOrder(
                node("node-a").containerInstanceArn(), node("node-b").containerInstanceArn());
        List<Task> binpacked = place(small, 3, List.of(new PlacementStrategy("binpack", "cpu"))).tasks();
        assertThat(binpacked).extracting(Task::containerInstanceArn).as("b has the fewest CPU units")
                .containsOnly(node("node-b").containerInstanceArn());
    }

    @Test
    void constraintsChooseAmongNodesAndADrainingNodeTakesNothing() {
        twoNodes();
        TaskDefinition small = definition("small", "[{\"name\": \"a\", \"image\": \"i\", \"memory\": 10}]");

        assertThat(place(small, 2, new PlacementConstraint("memberOf", "attribute:ecs.availability-zone == zone-2"))
                .tasks()).extracting(Task::containerInstanceArn).containsOnly(node("node-b").containerInstanceArn());
        PlacementResult distinct = place(definition("once", "[{\"name\": \"a\", \"image\": \"i\", "
                + "\"memory\": 10}]"), 3, new PlacementConstraint("distinctInstance", null));
        assertThat(distinct.tasks()).extracting(Task::containerInstanceArn).containsExactlyInAnyOrder(
                node("node-a").containerInstanceArn(), node("node-b").containerInstanceArn());
        assertThat(distinct.failures()).extracting(f -> f.reason()).containsOnly(
                "DistinctInstance placement constraint unsatisfied.").hasSize(2);

        instances.putAttributes("default", List.of(new Attribute("stack", "blue", null,
                node("node-a").containerInstanceArn())));
        assertThat(attribute(node("node-a"), "stack")).isEqualTo("blue");
        assertThat(node("node-b").attributes()).extracting(Attribute::name).doesNotContain("stack");
        assertThat(place(small, 1, new PlacementConstraint("memberOf", "attribute:stack == blue")).tasks())
                .extracting(Task::containerInstanceArn).containsOnly(node("node-a").containerInstanceArn());

        instances.updateStatus("default", node("node-a").containerInstanceArn(), "DRAINING");
        assertThat(place(small, 3).tasks()).extracting(Task::containerInstanceArn)
                .containsOnly(node("node-b").containerInstanceArn());
        assertThat(place(small, 1, new PlacementConstraint("memberOf", "attribute:stack == blue")).failures())
                .extracting(f -> f.arn()).containsExactly(node("node-b").containerInstanceArn());
    }

    @Test
    void registeringWithoutAnArnRegistersTheFirstNodeThatIsNotAndAnUnknownArnIsRefused() {
        twoNodes();
        String a = node("node-a").containerInstanceArn();
        String b = node("node-b").containerInstanceArn();
        instances.deregister("default", b, false);
        assertThat(instances.list("default", Optional.empty(), Optional.empty()))
                .extracting(ContainerInstance::containerInstanceArn).containsExactly(a);

        assertThat(instances.register("default", Optional.empty(), List.of()).containerInstanceArn()).isEqualTo(b);
        assertThat(instances.register("default", Optional.empty(), List.of()).containerInstanceArn())
                .as("all registered: the first again").isIn(a, b);
        assertThat(instances.names("default", b.substring(b.lastIndexOf('/') + 1))).isTrue();
        assertThat(instances.names("default", LOCAL)).as("the host is no instance of a multi-machine engine")
                .isFalse();
        assertThatThrownBy(() -> instances.register("default", Optional.of(LOCAL), List.of()))
                .isInstanceOf(EcsException.class).hasMessageContaining("is not in cluster default");
    }
}
