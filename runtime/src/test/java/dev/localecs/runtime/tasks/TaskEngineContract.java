package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.Task;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.compose.ConverterSettings;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.instances.LocalContainerInstances;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.state.FileCapacityProviderRegistry;
import dev.localecs.runtime.state.FileClusterRegistry;
import dev.localecs.runtime.state.FileTagRegistry;
import dev.localecs.runtime.state.FileTaskDefinitionRegistry;
import dev.localecs.runtime.state.JsonFileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECS task lifecycle every engine must give, driven through the task manager (RunTask, DescribeTasks,
 * StopTask as the actions call them): RUNNING, an essential exit stops the task, a non-essential one does not,
 * OOM kills, dependency order, StopTask, image pull failures, and a restart of the runtime that adopts the tasks
 * still running on the engine. Containers are scripted with {@code LOCAL_ECS_SIMULATE}
 * ({@link dev.localecs.runtime.simulated.SimulationScript}); each engine's suite says what plays the script (the
 * simulated engine itself; for Kubernetes, a fixture playing the kubelet).
 */
public abstract class TaskEngineContract {
    static final String CLUSTER = "default";

    @TempDir
    protected Path dir;
    private TaskManager manager;

    /**
     * The engine for a (re)started runtime. The manager closes the engine it is given; what the engine runs on must
     * outlive it, as Docker or a cluster outlives the runtime.
     *
     * @param restart false for the first start, true after a restart of the runtime
     * @return the engine
     */
    protected abstract TaskEngine engine(boolean restart);

    /** Starts the runtime's task manager over the test's state folder. */
    private void startManager(boolean restart) {
        RuntimeConfig config = RuntimeConfig.load(Optional.empty(), Map.of(), Map.of());
        EcsArns arns = new EcsArns("us-east-1", "000000000000");
        TaskComposer composer = new TaskComposer(new TaskConverter(ConverterSettings.from(config), arns), List.of(),
                new ComposeYaml());
        JsonFileStore files = new JsonFileStore(dir.resolve("state"), EcsJson.create());
        TaskStore store = new TaskStore(files);
        List<PersistedTask> saved = store.load();
        Map<String, String> network = new HashMap<>();
        network.put("endpoint.mode", "disabled");
        TaskSettings settings = new TaskSettings(Duration.ofHours(1), TaskSettings.RemoveContainers.AFTER_RETENTION,
                Duration.ofSeconds(10), TaskNetworkSettings.from(RuntimeConfig.load(Optional.empty(), Map.of(),
                network)));
        manager = new TaskManager(engine(restart), composer, dir.resolve("compose"), arns,
                Clock.tickMillis(ZoneOffset.UTC), store, settings, LaunchResources.NONE, new FileTagRegistry(files),
                TaskOutputs.NONE);
        manager.start(saved);
    }

    @AfterEach
    public void closeManager() {
        if (manager != null) {
            manager.close();
        }
        closePlatform();
    }

    /**
     * The engine machine a task's containers run on, as the engine shows it (a Pod's node): empty for an engine
     * with one machine.
     *
     * @param task the task
     * @return the machine's name
     */
    protected Optional<String> machineOf(Task task) {
        return Optional.empty();
    }

    /**
     * The {@code DockerId} the task metadata endpoint gives a running container: what the engine reports (its
     * container id by default).
     *
     * @param task the task, running
     * @param container the container name
     * @return the id
     */
    protected String reportedDockerId(Task task, String container) {
        return named(task, container).runtimeId();
    }

    /**
     * The zone the task metadata endpoint gives a task run without placement: the engine's.
     *
     * @return the zone
     */
    protected String reportedZone() {
        return "local-1a";
    }

    /** Ends what the engines ran on (after the last manager closed its engine). */
    protected void closePlatform() {
        // nothing by default
    }

    private Task run(String... containers) {
        if (manager == null) {
            startManager(false);
        }
        return manager.run(SimulatedTasks.spec("{\"family\":\"contract\",\"containerDefinitions\":["
                + String.join(",", containers) + "]}", Optional.empty()));
    }

    /**
     * One container definition's JSON; engines whose containers run real processes override it to turn the script
     * into a command.
     *
     * @param name the container name
     * @param essential whether it is essential
     * @param script its {@code LOCAL_ECS_SIMULATE} script, or null to run until stopped
     * @param extra more JSON members, each with a leading comma
     * @return the JSON
     */
    protected String container(String name, boolean essential, String script, String extra) {
        return "{\"name\":\"" + name + "\",\"image\":\"busybox\",\"essential\":" + essential
                + (script == null ? "" : ",\"environment\":[{\"name\":\"LOCAL_ECS_SIMULATE\",\"value\":\"" + script
                + "\"}]") + extra + "}";
    }

    private Task find(Task task) {
        return manager.find(CLUSTER, SimulatedTasks.id(task)).orElseThrow();
    }

    /** Waits (at most 20 s) until the task satisfies a condition. */
    private Task await(Task task, Predicate<Task> condition) {
        return SimulatedTasks.await(task, this::find, condition, Duration.ofSeconds(20));
    }

    private Task awaitStatus(Task task, String lastStatus) {
        return await(task, t -> lastStatus.equals(t.lastStatus()));
    }

    private static Container named(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void aTaskRunsOnceItsEssentialContainersRun() {
        Task task = run(container("app", true, null, ""), container("side", false, null, ""));
        Task running = awaitStatus(task, "RUNNING");
        assertThat(running.startedAt()).isNotNull();
        assertThat(named(running, "app").lastStatus()).isEqualTo("RUNNING");
        assertThat(named(running, "app").runtimeId()).isNotNull();
        // a non-essential container is not waited for: it runs soon after
        assertThat(named(await(task, t -> named(t, "side").lastStatus().equals("RUNNING")), "side").runtimeId())
                .isNotNull();
    }

    @Test
    public void anEssentialExitStopsTheTaskAndItsOtherContainers() {
        Task task = run(container("app", true, "exit:3@1s", ""), container("side", false, null, ""));
        awaitStatus(task, "RUNNING");
        Task stopped = awaitStatus(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(3);
        assertThat(named(stopped, "side").lastStatus()).isEqualTo("STOPPED");
        assertThat(named(stopped, "side").exitCode()).isZero();
    }

    @Test
    public void aNonEssentialExitLeavesTheTaskRunning() throws InterruptedException {
        Task task = run(container("app", true, null, ""), container("migrate", false, "exit:1@300ms", ""));
        Task seen = await(task, t -> "STOPPED".equals(named(t, "migrate").lastStatus()));
        assertThat(named(seen, "migrate").exitCode()).isEqualTo(1);
        Thread.sleep(300);
        Task later = find(task);
        assertThat(later.lastStatus()).isEqualTo("RUNNING");
        assertThat(later.desiredStatus()).isEqualTo("RUNNING");
        assertThat(named(later, "app").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    public void anOutOfMemoryKillIsReportedAsEcsDoes() {
        Task task = run(container("app", true, "oom@300ms", ",\"memory\":32"));
        Task stopped = awaitStatus(task, "STOPPED");
        assertThat(named(stopped, "app").reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(137);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    }

    @Test
    public void aSuccessDependencyStartsTheDependentOnlyAfterTheDependencySucceeded() {
        Task task = run(container("init", false, "exit:0@800ms", ""), container("app", true, null,
                ",\"dependsOn\":[{\"containerName\":\"init\",\"condition\":\"SUCCESS\"}]"));
        Task pending = await(task, t -> named(t, "init").lastStatus().equals("RUNNING"));
        assertThat(named(pending, "app").lastStatus()).isEqualTo("PENDING");

        Task running = awaitStatus(task, "RUNNING");
        assertThat(named(running, "init").lastStatus()).isEqualTo("STOPPED");
        assertThat(named(running, "init").exitCode()).isZero();
        assertThat(named(running, "app").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    public void aHealthyDependencyWaitsForTheHealthCheck() {
        Task task = run(container("db", true, "healthy@800ms", ",\"healthCheck\":{\"command\":[\"CMD\",\"true\"]}"),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]"));
        Task waiting = await(task, t -> named(t, "db").lastStatus().equals("RUNNING"));
        assertThat(named(waiting, "app").lastStatus()).isEqualTo("PENDING");
        Task running = awaitStatus(task, "RUNNING");
        assertThat(named(running, "db").healthStatus()).isEqualTo("HEALTHY");
        assertThat(named(running, "app").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    public void stopTaskStopsEveryContainer() {
        Task task = run(container("app", true, null, ""), container("side", false, null, ""));
        await(task, t -> t.lastStatus().equals("RUNNING") && named(t, "side").lastStatus().equals("RUNNING"));
        manager.stop(CLUSTER, SimulatedTasks.id(task), Optional.of("enough"));
        Task stopped = awaitStatus(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("enough");
        assertThat(named(stopped, "app").exitCode()).isZero();
        assertThat(named(stopped, "side").exitCode()).isZero();
    }

    @Test
    public void anImageThatCannotBePulledFailsTheLaunch() {
        Task stopped = awaitStatus(run(container("app", true, "pull-fail", "")), "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(named(stopped, "app").reason()).startsWith("CannotPullContainerError: ");
        assertThat(named(stopped, "app").exitCode()).isNull();
    }

    @Test
    public void aRestartedRuntimeAdoptsTheTasksStillRunning() {
        Task done = awaitStatus(run(container("app", true, "exit:0@100ms", "")), "STOPPED");
        Task running = run(container("app", true, "exit:4@5s", ""));
        awaitStatus(running, "RUNNING");

        manager.close();
        startManager(true);

        assertThat(find(done).lastStatus()).isEqualTo("STOPPED");
        assertThat(find(running).lastStatus()).as("after the restart: %s", find(running)).isEqualTo("RUNNING");
        Task stopped = awaitStatus(running, "STOPPED");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(4);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    }

    @Test
    public void everyMachineIsAContainerInstanceAndAPlacedTaskRunsOnTheOneChosen() {
        startManager(false);
        EcsArns arns = new EcsArns("us-east-1", "000000000000");
        JsonFileStore files = new JsonFileStore(dir.resolve("instances"), EcsJson.create());
        LocalContainerInstances instances = new LocalContainerInstances(files, arns, Clock.systemUTC(),
                new FileClusterRegistry(files, arns), new FileCapacityProviderRegistry(files, arns), manager,
                new FileTaskDefinitionRegistry(files, reference -> Optional.empty()),
                () -> Optional.of(manager.host()), manager::nodes, "1.89.1", new Random(3));
        List<Optional<String>> machines = manager.nodes().isEmpty() ? List.of(Optional.empty())
                : manager.nodes().stream().map(node -> Optional.of(node.name())).toList();

        List<ContainerInstance> listed = instances.list(CLUSTER, Optional.empty(), Optional.empty());
        assertThat(listed).extracting(ContainerInstance::containerInstanceArn).containsExactlyInAnyOrderElementsOf(
                machines.stream().map(m -> arns.containerInstance(CLUSTER, EcsArns.containerInstanceId(CLUSTER, m)))
                        .toList());
        ContainerInstance last = listed.get(listed.size() - 1);
        Optional<String> chosen = machines.stream().filter(m -> last.containerInstanceArn().endsWith("/"
                + EcsArns.containerInstanceId(CLUSTER, m))).findFirst().orElseThrow();
        PlacementResult placed = instances.place(new PlacementRequest(SimulatedTasks.spec("{\"family\":\"placed\","
                + "\"containerDefinitions\":[" + container("app", true, null, ",\"memory\":64") + "]}",
                Optional.empty()), 1, List.of(new PlacementConstraint("memberOf", "ec2InstanceId == "
                + last.ec2InstanceId())), List.of(new PlacementStrategy("spread", "instanceId")), Optional.empty(),
                manager::run));

        assertThat(placed.failures()).isEmpty();
        Task task = placed.tasks().get(0);
        assertThat(task.containerInstanceArn()).isEqualTo(last.containerInstanceArn());
        assertThat(awaitStatus(task, "RUNNING").availabilityZone()).as("the chosen instance's zone")
                .isEqualTo(last.attributes().stream().filter(a -> a.name().equals("ecs.availability-zone"))
                        .findFirst().orElseThrow().value());
        assertThat(machineOf(task)).isEqualTo(chosen);
        for (ContainerInstance instance : instances.list(CLUSTER, Optional.empty(), Optional.empty())) {
            boolean holds = instance.containerInstanceArn().equals(last.containerInstanceArn());
            assertThat(instance.runningTasksCount()).as(instance.containerInstanceArn()).isEqualTo(holds ? 1 : 0);
            assertThat(instance.remainingResources().stream().filter(r -> r.name().equals("MEMORY")).findFirst()
                    .orElseThrow().integerValue()).isEqualTo(instance.registeredResources().stream()
                    .filter(r -> r.name().equals("MEMORY")).findFirst().orElseThrow().integerValue() - (holds ? 64 : 0));
        }
    }

    @Test
    public void theTaskMetadataEndpointAnswersWhatTheEngineReports() {
        Task running = awaitStatus(run(container("app", true, null, "")), "RUNNING");

        TaskView view = manager.view(SimulatedTasks.id(running)).orElseThrow();
        Map<String, Object> app = view.containerMetadata("app");
        assertThat(app.get("DockerId")).isEqualTo(reportedDockerId(running, "app"));
        assertThat(app.get("StartedAt")).isNotNull();
        assertThat(view.taskMetadata().get("AvailabilityZone")).isEqualTo(reportedZone());
    }
}
