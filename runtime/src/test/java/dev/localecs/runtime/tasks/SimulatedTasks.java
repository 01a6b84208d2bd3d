package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.ConverterSettings;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.docker.AwsvpcHostPorts;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.simulated.SimulatedTaskEngine;
import dev.localecs.runtime.state.FileTagRegistry;
import dev.localecs.runtime.state.JsonFileStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The task lifecycle on the simulated engine, for unit tests: a task manager over a state folder and an
 * engine that outlives it (as Docker outlives the runtime), restartable on the same state.
 */
final class SimulatedTasks implements AutoCloseable {
    static final String CLUSTER = "default";
    private static final ObjectMapper JSON = EcsJson.create();

    private final Path dir;
    private SimulatedTaskEngine engine;
    private final TaskSettings settings;
    private TaskManager manager;
    private final TaskOutputs outputs;

    private SimulatedTasks(Path dir, TaskSettings settings) {
        this(dir, settings, TaskOutputs.NONE);
    }

    private SimulatedTasks(Path dir, TaskSettings settings, TaskOutputs outputs) {
        this(dir, settings, outputs, new SimulatedTaskEngine(Clock.systemUTC(), "169.254.170.0/24"));
    }

    private SimulatedTasks(Path dir, TaskSettings settings, TaskOutputs outputs, SimulatedTaskEngine engine) {
        this.dir = dir;
        this.settings = settings;
        this.outputs = outputs;
        this.engine = engine;
        start();
    }

    static SimulatedTasks start(Path dir) {
        return start(dir, Duration.ofHours(1), Duration.ofSeconds(5));
    }

    static SimulatedTasks start(Path dir, Duration retention, Duration dependencyTimeout) {
        return new SimulatedTasks(dir, new TaskSettings(retention, TaskSettings.RemoveContainers.AFTER_RETENTION,
                dependencyTimeout, network(Map.of())));
    }

    /** With containers' output fed to log sinks. */
    static SimulatedTasks withOutputs(Path dir, TaskOutputs outputs) {
        return new SimulatedTasks(dir, new TaskSettings(Duration.ofHours(1),
                TaskSettings.RemoveContainers.AFTER_RETENTION, Duration.ofSeconds(5), network(Map.of())), outputs);
    }

    /** With awsvpc tasks' ports published on the host as {@code tasks.awsvpc-host-ports} says. */
    static SimulatedTasks withAwsvpcHostPorts(Path dir, AwsvpcHostPorts mode) {
        return new SimulatedTasks(dir, new TaskSettings(Duration.ofHours(1),
                TaskSettings.RemoveContainers.AFTER_RETENTION, Duration.ofSeconds(5), network(Map.of())),
                TaskOutputs.NONE, new SimulatedTaskEngine(Clock.systemUTC(), "169.254.170.0/24", mode));
    }

    /** With a task network of a subnet and gateway (which task metadata reports). */
    static SimulatedTasks withGateway(Path dir, String subnet, String gateway) {
        return new SimulatedTasks(dir, new TaskSettings(Duration.ofHours(1),
                TaskSettings.RemoveContainers.AFTER_RETENTION, Duration.ofSeconds(5),
                network(Map.of("network.subnet", subnet, "network.gateway", gateway))));
    }

    private static TaskNetworkSettings network(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("endpoint.mode", "disabled");
        return TaskNetworkSettings.from(RuntimeConfig.load(Optional.empty(), Map.of(), all));
    }

    private void start() {
        RuntimeConfig config = RuntimeConfig.load(Optional.empty(), Map.of(), Map.of());
        EcsArns arns = new EcsArns("us-east-1", "000000000000");
        TaskComposer composer = new TaskComposer(new TaskConverter(ConverterSettings.from(config), arns), List.of(),
                new ComposeYaml());
        JsonFileStore files = new JsonFileStore(dir.resolve("state"), JSON);
        TaskStore store = new TaskStore(files);
        List<PersistedTask> saved = store.load();
        manager = new TaskManager(new Unclosable(engine), composer, dir.resolve("compose"), arns,
                Clock.tickMillis(ZoneOffset.UTC), store, settings, LaunchResources.NONE, new FileTagRegistry(files),
                outputs);
        manager.start(saved);
    }

    /** Stops the manager (the engine keeps its containers) and starts a new one on the same state. */
    void restart() {
        manager.close();
        start();
    }

    /** Stops the manager, loses the engine's containers (a new engine) and starts on the same state. */
    void restartWithNewEngine() {
        manager.close();
        engine.close();
        engine = new SimulatedTaskEngine(Clock.systemUTC(), "169.254.170.0/24");
        start();
    }

    TaskManager tasks() {
        return manager;
    }

    SimulatedTaskEngine engine() {
        return engine;
    }

    /**
     * Runs a task of a definition given as the JSON of RegisterTaskDefinition (family and revision added).
     */
    Task run(String definitionJson) {
        return manager.run(spec(definitionJson, Optional.empty()));
    }

    static RunTaskSpec spec(String definitionJson, Optional<String> startedBy) {
        try {
            TaskDefinition definition = JSON.readValue(definitionJson, TaskDefinition.class);
            String family = definition.family() == null ? "sim" : definition.family();
            TaskDefinition registered = JSON.readValue(JSON.writeValueAsString(JSON.readTree(definitionJson)
                    .deepCopy().<ObjectNode>require()
                    .put("family", family).put("revision", 1)
                    .put("taskDefinitionArn", "arn:aws:ecs:us-east-1:000000000000:task-definition/" + family + ":1")),
                    TaskDefinition.class);
            boolean awsvpc = "awsvpc".equals(registered.networkMode());
            return new RunTaskSpec(registered, CLUSTER, Optional.empty(), startedBy, "family:" + family,
                    awsvpc ? "FARGATE" : "EC2", Optional.empty(), Optional.empty(),
                    awsvpc ? Optional.of("subnet-1") : Optional.empty(), false, List.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Task find(Task task) {
        return manager.find(CLUSTER, id(task)).orElseThrow();
    }

    static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    /** Waits (at most 10 s) until the task satisfies a condition, and returns it. */
    Task await(Task task, Predicate<Task> condition) {
        return await(task, this::find, condition, Duration.ofSeconds(10));
    }

    /**
     * Waits (bounded) until a task, as read again every 10 ms, satisfies a condition, and returns it; the test fails
     * with the task's last state when it does not in time.
     */
    static Task await(Task task, UnaryOperator<Task> find, Predicate<Task> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Task now = find.apply(task);
        while (!condition.test(now)) {
            assertThat(System.nanoTime()).as("task %s: last seen %s / %s, containers %s", id(task),
                    now.lastStatus(), now.stoppedReason(), now.containers()).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            now = find.apply(task);
        }
        return now;
    }

    Task awaitStatus(Task task, String lastStatus) {
        return await(task, t -> lastStatus.equals(t.lastStatus()));
    }

    @Override
    public void close() {
        manager.close();
        engine.close();
    }

    /** The manager closes its engine; the simulated one outlives it across restarts, as Docker does. */
    private record Unclosable(SimulatedTaskEngine engine) implements TaskEngine {
        @Override
        public void prepare(ComposedTask compose,
                            Map<String, RegistryLogin> logins) {
            engine.prepare(compose, logins);
        }

        @Override
        public void ensureTaskNetwork() {
            engine.ensureTaskNetwork();
        }

        @Override
        public void attach(String containerId, String network, Optional<String> address) {
            engine.attach(containerId, network, address);
        }

        @Override
        public Map<String, Object> stats(String containerId) {
            return engine.stats(containerId);
        }

        @Override
        public EngineHost host() {
            return engine.host();
        }

        @Override
        public String create(ComposedTask compose, String service,
                             Map<String, String> created, Map<String, String> secrets) {
            return engine.create(compose, service, created, secrets);
        }

        @Override
        public ExecResult exec(String containerId, List<String> command) {
            return engine.exec(containerId, command);
        }

        @Override
        public InteractiveExec execInteractive(String containerId, List<String> command, InteractiveExec.Output output) {
            return engine.execInteractive(containerId, command, output);
        }

        @Override
        public String start(String containerId) {
            return engine.start(containerId);
        }

        @Override
        public Observation observe(String containerId, String taskNetwork) {
            return engine.observe(containerId, taskNetwork);
        }

        @Override
        public void stop(String containerId, int timeoutSeconds) {
            engine.stop(containerId, timeoutSeconds);
        }

        @Override
        public void remove(String project) {
            engine.remove(project);
        }

        @Override
        public Map<String, Observation> containers(String taskArn) {
            return engine.containers(taskArn);
        }

        @Override
        public void events(EventListener listener) {
            engine.events(listener);
        }

        @Override
        public void follow(String containerId, OutputReceiver receiver) throws InterruptedException {
            engine.follow(containerId, receiver);
        }

        @Override
        public void close() {
            // the engine outlives the manager
        }
    }
}
