package dev.localecs.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.ContainerLogSink;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.EcsAction;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsEvents;
import dev.localecs.api.ServiceCounts;
import dev.localecs.api.TaskProtections;
import dev.localecs.runtime.instances.LocalContainerInstances;
import dev.localecs.runtime.state.FileAccountSettings;
import dev.localecs.runtime.state.FileCapacityProviderRegistry;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.EcsJson;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.aws.EnvironmentFiles;
import dev.localecs.runtime.aws.RegistryLogins;
import dev.localecs.runtime.aws.SecretResolver;
import dev.localecs.runtime.aws.StsAssumer;
import dev.localecs.runtime.aws.TaskRoleCredentials;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.compose.ConverterSettings;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.docker.AwsvpcHostPorts;
import dev.localecs.runtime.docker.DockerTaskEngine;
import dev.localecs.runtime.network.Ipv4Subnet;
import dev.localecs.runtime.exec.ExecSessionRegistry;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.plugin.ActionRegistry;
import dev.localecs.runtime.plugin.PluginHost;
import dev.localecs.runtime.plugin.Registered;
import dev.localecs.runtime.plugin.Workers;
import dev.localecs.runtime.protocol.TaskAnswers;
import dev.localecs.runtime.simulated.SimulatedTaskEngine;
import dev.localecs.runtime.state.FileClusterRegistry;
import dev.localecs.runtime.state.FileTagRegistry;
import dev.localecs.runtime.state.FileTaskDefinitionRegistry;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.tasks.DeferredListenAddresses;
import dev.localecs.runtime.tasks.DeferredTaskService;
import dev.localecs.runtime.tasks.LaunchResources;
import dev.localecs.runtime.tasks.PersistedTask;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineProvider;
import dev.localecs.runtime.tasks.TaskManager;
import dev.localecs.runtime.tasks.TaskOutputs;
import dev.localecs.runtime.tasks.TaskSettings;
import dev.localecs.runtime.tasks.TaskStore;
import dev.localecs.runtime.upstream.BaseCredentials;
import dev.localecs.runtime.upstream.UpstreamEcs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Everything but the HTTP server: state, upstream, plugins and their context, the action registry and the
 * task composer. The server and the {@code convert} command both start from it.
 */
public final class RuntimeCore implements AutoCloseable {
    private final RuntimeContext context;
    private final PluginHost plugins;
    private final UpstreamEcs upstream;
    private final ActionRegistry actions;
    private final TaskComposer composer;
    private final Path composeDest;
    private final JsonFileStore store;
    private final TaskManager tasks;
    private final TaskRoleCredentials roleCredentials;
    private final Workers workers;
    private final String engineName;

    private RuntimeCore(RuntimeContext context, PluginHost plugins, UpstreamEcs upstream, ActionRegistry actions,
                        TaskComposer composer, Path composeDest, JsonFileStore store, TaskManager tasks,
                        TaskRoleCredentials roleCredentials, Workers workers, String engineName) {
        this.engineName = engineName;
        this.workers = workers;
        this.tasks = tasks;
        this.roleCredentials = roleCredentials;
        this.context = context;
        this.plugins = plugins;
        this.upstream = upstream;
        this.actions = actions;
        this.composer = composer;
        this.composeDest = composeDest;
        this.store = store;
    }

    /**
     * Builds the core and loads the plugins.
     *
     * @param config the configuration
     * @param environment the process environment (base credentials)
     * @param baseDir what relative paths in the configuration are relative to
     * @return the core
     */
    public static RuntimeCore start(RuntimeConfig config, Map<String, String> environment, Path baseDir) {
        return start(config, environment, baseDir, true);
    }

    /**
     * Builds the core, optionally without a task engine (the {@code convert} command runs nothing).
     *
     * @param config the configuration
     * @param environment the process environment (base credentials)
     * @param baseDir what relative paths in the configuration are relative to
     * @param withTasks whether to connect the Docker engine and track tasks
     * @return the core
     */
    public static RuntimeCore start(RuntimeConfig config, Map<String, String> environment, Path baseDir,
                                    boolean withTasks) {
        requireNonNull(config, "config is null");
        ObjectMapper json = TaskAnswers.install(EcsJson.create());
        EcsArns arns = new EcsArns(config.get("aws.region", "us-east-1"), config.get("aws.account-id", "000000000000"));
        JsonFileStore store = new JsonFileStore(path(baseDir, config.get("state.dir", "state")), json);
        StrategyHolder strategy = new StrategyHolder();
        StrategyHolder endpointStrategy = new StrategyHolder();
        UpstreamEcs upstream = new UpstreamEcs(config.get("upstream.ecs.endpoint").map(RuntimeCore::endpoint),
                arns.region(), Duration.ofSeconds(config.getInt("upstream.ecs.timeout-seconds", 10)),
                new BaseCredentials(strategy, environment), json);
        ComposeYaml yaml = new ComposeYaml();
        DeferredTaskService tasks = new DeferredTaskService();
        DeferredListenAddresses listenAddresses = new DeferredListenAddresses();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        FileTaskDefinitionRegistry definitions = new FileTaskDefinitionRegistry(store, upstream::describeTaskDefinition);
        FileClusterRegistry clusters = new FileClusterRegistry(store, arns);
        FileCapacityProviderRegistry capacityProviders = new FileCapacityProviderRegistry(store, arns);
        AtomicReference<TaskManager> engineHost = new AtomicReference<>();
        LocalContainerInstances instances = new LocalContainerInstances(store, arns, clock, clusters,
                capacityProviders, tasks, definitions,
                () -> Optional.ofNullable(engineHost.get()).map(TaskManager::host),
                () -> Optional.ofNullable(engineHost.get()).map(TaskManager::nodes).orElse(List.of()),
                config.get("instances.agent-version", "1.89.1"), new java.security.SecureRandom());
        ExecSessionRegistry execSessions = new ExecSessionRegistry(clock, ExecSessionRegistry.CONNECT_WITHIN);
        RuntimeContext context = new RuntimeContext(arns, config, clock, json, definitions, clusters,
                new FileTagRegistry(store), yaml, tasks, environment,
                new StsAssumer(config.get("upstream.sts.endpoint")
                        .map(RuntimeCore::endpoint), arns.region()),
                ServiceCounts.inMemory(), listenAddresses, EcsEvents.inMemory(), instances, capacityProviders,
                TaskProtections.inMemory(clock), new FileAccountSettings(store), execSessions);
        TaskStore taskStore = new TaskStore(store);
        List<PersistedTask> savedTasks = withTasks ? taskStore.load() : List.of();
        // every unreadable state file at once, before anything is served from a partial state
        store.requireReadable();

        List<Path> roots = config.list("plugins.dir").stream().map(dir -> path(baseDir, dir)).toList();
        boolean development = config.get("plugins.mode", "deployment").equals("development");
        PluginHost plugins = new PluginHost(roots, development, new HashSet<>(config.list("plugins.disabled")),
                () -> context);
        try {
            plugins.start();
            List<Registered<CredentialStrategy>> strategies =
                    plugins.extensions(CredentialStrategy.class, CredentialStrategy::name);
            strategy.choose("credentials.api.strategy", config.get("credentials.api.strategy"), strategies,
                    CredentialPurpose.API);
            endpointStrategy.choose("credentials.endpoint.strategy", config.get("credentials.endpoint.strategy")
                    .or(() -> config.get("credentials.api.strategy")), strategies,
                    CredentialPurpose.ENDPOINT);
            ActionRegistry actions = ActionRegistry.build(plugins.extensions(EcsAction.class, EcsAction::name), config);
            List<ComposeOverrideProvider> providers = plugins.extensions(ComposeOverrideProvider.class,
                    ComposeOverrideProvider::name).stream().map(Registered::extension).toList();
            TaskComposer composer = new TaskComposer(new TaskConverter(ConverterSettings.from(config), arns),
                    providers, yaml);
            Path composeDest = path(baseDir, config.get("compose.dest", "/tmp"));
            TaskRoleCredentials roleCredentials = new TaskRoleCredentials(endpointStrategy, environment,
                    config.get("upstream.sts.endpoint").map(RuntimeCore::endpoint),
                    config.get("upstream.iam.endpoint").map(RuntimeCore::endpoint), arns.region(), clock);
            SecretResolver secrets = new SecretResolver(roleCredentials,
                    config.get("upstream.ssm.endpoint").map(RuntimeCore::endpoint),
                    config.get("upstream.secretsmanager.endpoint").map(RuntimeCore::endpoint), arns.region());
            TaskManager manager = null;
            String engine = chosenEngine(config);
            if (withTasks) {
                manager = taskManager(config, engine, arns, clock, taskStore, composer, composeDest,
                        new LaunchResources(Optional.of(secrets), Optional.of(new EnvironmentFiles(roleCredentials,
                                config.get("upstream.s3.endpoint").map(RuntimeCore::endpoint), arns.region())),
                                Optional.of(new RegistryLogins(roleCredentials,
                                        config.get("upstream.ecr.endpoint").map(RuntimeCore::endpoint),
                                        config.get("upstream.secretsmanager.endpoint").map(RuntimeCore::endpoint),
                                        arns.region()))), context.tags(), listenAddresses,
                        new TaskOutputs(plugins.extensions(ContainerLogSink.class, ContainerLogSink::name).stream()
                                .map(Registered::extension).sorted(Comparator.comparing(ContainerLogSink::name))
                                .toList(), roleCredentials::executionCredentials,
                                Duration.ofSeconds(config.getInt("logs.stop-wait-seconds", 30))));
                tasks.bind(manager);
                engineHost.set(manager);
                manager.start(savedTasks);
            }
            Workers workers = new Workers(plugins.extensions(BackgroundWorker.class, BackgroundWorker::name),
                    Duration.ofSeconds(10));
            return new RuntimeCore(context, plugins, upstream, actions, composer, composeDest, store, manager,
                    roleCredentials, workers, withTasks ? engine : "none");
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    private static TaskManager taskManager(RuntimeConfig config, String kind, EcsArns arns, Clock clock,
                                           TaskStore store, TaskComposer composer, Path composeDest,
                                           LaunchResources resources, TagRegistry tags,
                                           DeferredListenAddresses listenAddresses, TaskOutputs outputs) {
        TaskSettings settings = TaskSettings.from(config);
        TaskNetworkSettings network = settings.network();
        TaskEngine engine = switch (kind) {
            case "docker" -> {
                DockerTaskEngine docker = shapeTaskNetwork(new DockerTaskEngine(
                        DockerTaskEngine.Settings.from(config, network)), network);
                listenAddresses.bind(docker.listenAddresses(serviceConnectSubnet(config)));
                yield docker;
            }
            case "simulated" -> new SimulatedTaskEngine(clock, network.subnet().toString(),
                    TaskSettings.choice(config, "tasks.awsvpc-host-ports", "if-free", AwsvpcHostPorts.class));
            default -> providers().get(kind).create(new TaskEngineProvider.Context(config, clock, network));
        };
        return new TaskManager(engine, composer, composeDest, arns, clock, store, settings, resources, tags, outputs);
    }

    /** Where Service Connect's listen addresses come from ({@code service-connect.subnet}). */
    private static Ipv4Subnet serviceConnectSubnet(RuntimeConfig config) {
        String value = config.get("service-connect.subnet", "169.254.171.0/24");
        return Ipv4Subnet.parse(value).orElseThrow(() -> new ConfigurationException(
                "service-connect.subnet must be an IPv4 subnet in CIDR form such as 169.254.171.0/24, not '"
                        + value + "'."));
    }

    /**
     * Brings the task network to the endpoint mode's shape before anything uses it. A network of the other
     * mode's shape with containers attached stops the start (the message says how to get out); an engine that
     * cannot be reached does not (it shows in {@code /health}, and the network is made at the first launch).
     */
    private static DockerTaskEngine shapeTaskNetwork(DockerTaskEngine engine, TaskNetworkSettings network) {
        try {
            engine.ensureTaskNetwork();
        } catch (ConfigurationException e) {
            try {
                engine.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } catch (RuntimeException e) {
            Logger.getLogger(RuntimeCore.class.getName()).warning("The task network " + network.name()
                    + " could not be checked or made now (it is retried at each launch): " + e.getMessage());
        }
        return engine;
    }

    /**
     * Where tasks run ({@code tasks.engine}): {@code docker}, {@code simulated} or the name of a
     * {@link TaskEngineProvider} on the class path.
     */
    static String chosenEngine(RuntimeConfig config) {
        String value = config.get("tasks.engine", "docker").trim();
        String wanted = value.toLowerCase(Locale.ROOT);
        Map<String, TaskEngineProvider> providers = providers();
        if (wanted.equals("docker") || wanted.equals("simulated") || providers.containsKey(wanted)) {
            return wanted;
        }
        List<String> known = new ArrayList<>(List.of("docker", "simulated"));
        known.addAll(providers.keySet());
        throw new ConfigurationException("tasks.engine must be one of " + known + ", not '" + value + "'.");
    }

    /** The engines on the class path beside the built-in ones, by name. */
    private static Map<String, TaskEngineProvider> providers() {
        Map<String, TaskEngineProvider> found = new TreeMap<>();
        for (TaskEngineProvider provider : ServiceLoader.load(TaskEngineProvider.class,
                RuntimeCore.class.getClassLoader())) {
            String name = provider.name().toLowerCase(Locale.ROOT);
            if (!name.equals("docker") && !name.equals("simulated")) {
                found.putIfAbsent(name, provider);
            }
        }
        return found;
    }

    static Path path(Path baseDir, String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return baseDir.resolve(expanded).normalize();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Upstream endpoints (upstream.*.endpoint) must be URLs such as "
                    + "http://localhost:5000, not '" + value + "'.");
        }
    }

    RuntimeContext context() {
        return context;
    }

    PluginHost plugins() {
        return plugins;
    }

    UpstreamEcs upstream() {
        return upstream;
    }

    ActionRegistry actions() {
        return actions;
    }

    /**
     * The task composer.
     *
     * @return the composer
     */
    public TaskComposer composer() {
        return composer;
    }

    /**
     * Where task projects are written.
     *
     * @return {@code compose.dest}
     */
    public Path composeDest() {
        return composeDest;
    }

    Optional<TaskManager> tasks() {
        return Optional.ofNullable(tasks);
    }

    /**
     * ECS Exec's sessions (the plugins' {@code execSessions()}).
     *
     * @return the session registry
     */
    ExecSessionRegistry execSessions() {
        return context.execSessions();
    }

    /**
     * The plugins' background workers (started by the server once it listens).
     *
     * @return the workers
     */
    public Workers workers() {
        return workers;
    }

    /**
     * Where tasks run.
     *
     * @return {@code docker}, {@code simulated} or a provided engine such as {@code kubernetes} ({@code tasks.engine}), {@code none} without tasks
     */
    public String engineName() {
        return engineName;
    }

    TaskRoleCredentials roleCredentials() {
        return roleCredentials;
    }

    Path stateRoot() {
        return store.root();
    }

    @Override
    public void close() {
        if (tasks != null) {
            tasks.close();
        }
        plugins.close();
    }

    /** The credential strategy for the runtime's own calls, chosen once the plugins are loaded. */
    private static final class StrategyHolder implements Supplier<Optional<CredentialStrategy>> {
        private volatile Optional<CredentialStrategy> chosen = Optional.empty();

        void choose(String key, Optional<String> name, List<Registered<CredentialStrategy>> strategies,
                    CredentialPurpose purpose) {
            if (name.isEmpty()) {
                return;
            }
            chosen = Optional.of(strategies.stream().map(Registered::extension)
                    .filter(s -> s.name().equals(name.get())).findFirst()
                    .orElseThrow(() -> new ConfigurationException(key + " names '" + name.get()
                            + "', but no loaded plugin offers that credential strategy; loaded: "
                            + strategies.stream().map(r -> r.extension().name()).toList() + ".")));
            chosen.get().misconfiguration(purpose).ifPresent(problem -> {
                throw new ConfigurationException(key + " is '" + name.get() + "', but " + problem);
            });
        }

        @Override
        public Optional<CredentialStrategy> get() {
            return chosen;
        }
    }
}
