package dev.localecs.runtime.docker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.InvocationBuilder;
import com.github.dockerjava.core.NameParser;
import com.github.dockerjava.core.command.BuildImageResultCallback;
import dev.localecs.api.ConfigView;
import dev.localecs.api.ExecResult;
import dev.localecs.api.ListenAddresses;
import dev.localecs.api.compose.ComposeNetwork;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.ComposeVolume;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.network.Ipv4Subnet;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.InteractiveExec;
import dev.localecs.runtime.tasks.LaunchException;
import dev.localecs.runtime.tasks.LaunchValues;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskSettings;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Docker engine through docker-java: realises a task's effective compose project (networks,
 * volumes, pulled or built images, containers) and streams container events back.
 */
public final class DockerTaskEngine implements TaskEngine {
    private static final Logger LOG = Logger.getLogger(DockerTaskEngine.class.getName());
    private static final String PROJECT_LABEL = "com.docker.compose.project";

    /**
     * Engine settings, read once from the configuration.
     *
     * @param host the engine ({@code docker.host})
     * @param pullPolicy when images are pulled ({@code tasks.pull-policy})
     * @param network the task network and the endpoint mode it is shaped for ({@code network.*}, {@code endpoint.*})
     * @param publishHostIp the address published ports bind to, empty for all ({@code tasks.publish-host-ip})
     * @param awsvpcHostPorts whether awsvpc tasks' ports are published on the host ({@code tasks.awsvpc-host-ports})
     */
    public record Settings(String host, PullPolicy pullPolicy, TaskNetworkSettings network, String publishHostIp,
                           AwsvpcHostPorts awsvpcHostPorts) {

        /**
         * The task network's name.
         *
         * @return {@code network.name}
         */
        public String taskNetwork() {
            return network.name();
        }

        /**
         * Reads the settings.
         *
         * @param config the configuration
         * @param network the task network settings, read once with the lifecycle's
         * @return the settings
         */
        public static Settings from(ConfigView config, TaskNetworkSettings network) {
            return new Settings(config.get("docker.host", "unix:///var/run/docker.sock"),
                    TaskSettings.choice(config, "tasks.pull-policy", "missing", PullPolicy.class), network,
                    config.get("tasks.publish-host-ip", ""),
                    TaskSettings.choice(config, "tasks.awsvpc-host-ports", "if-free", AwsvpcHostPorts.class));
        }
    }

    /** When images are pulled ({@code tasks.pull-policy}). */
    public enum PullPolicy {
        /** before every launch */
        ALWAYS,
        /** when the engine does not have the image */
        MISSING,
        /** never: a missing image fails the launch */
        NEVER
    }

    private final DockerClient docker;
    private final DefaultDockerClientConfig authConfig;
    private final Settings settings;
    private final ContainerFactory factory;
    private final AwsvpcPauses pauses;
    private final TaskNetworkShaper taskNetwork;
    private final ContainerOutput outputs;
    private static final ObjectMapper STATS_JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Object networkLock = new Object();
    /** Image id → digest; an image id names immutable content, so the answer never changes. */
    private final Map<String, Optional<String>> digests = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile Closeable eventStream;

    /**
     * Connects to the engine.
     *
     * @param settings the settings
     */
    public DockerTaskEngine(Settings settings) {
        this.settings = settings;
        this.docker = DockerClients.create(settings.host(), Duration.ofMinutes(10));
        this.authConfig = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(settings.host()).build();
        this.factory = new ContainerFactory(docker, settings.publishHostIp());
        this.outputs = new ContainerOutput(docker);
        this.pauses = new AwsvpcPauses(docker, new AwsvpcPublishing(settings.awsvpcHostPorts(),
                settings.publishHostIp(), new HostPortClaims()),
                (compose, service, definition) -> createContainer(compose, service, definition, Map.of(), LaunchValues.NONE));
        this.taskNetwork = new TaskNetworkShaper(docker, settings.network());
    }

    @Override
    public void prepare(ComposedTask compose, Map<String, RegistryLogin> logins) {
        ComposeProject project = compose.effective();
        // independent engine round trips, side by side: the networks, the volumes, each image (a launch
        // waits for the slowest instead of their sum)
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> networks(project, compose.project()));
        steps.add(() -> volumes(project, compose.project()));
        for (Map.Entry<String, ComposeService> entry : project.services().entrySet()) {
            ComposeService service = entry.getValue();
            steps.add(service.build() != null ? () -> build(compose, entry.getKey(), service)
                    : () -> pull(entry.getKey(), service.image(), Optional.ofNullable(logins.get(entry.getKey()))));
        }
        inParallel(steps);
    }

    /** Runs steps on virtual threads, waits for all, and throws the first failure (in step order). */
    private static void inParallel(List<Runnable> steps) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable step : steps) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    step.run();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            running.add(done);
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> step : running) {
            try {
                step.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void networks(ComposeProject project, String name) {
        Set<String> used = new LinkedHashSet<>();
        project.services().values().forEach(service -> {
            if (service.networkMode() == null) {
                if (service.networks() == null || service.networks().isEmpty()) {
                    used.add("default");
                } else {
                    used.addAll(service.networks().keySet());
                }
            }
        });
        for (String key : used) {
            String engineName = ProjectNames.network(project, name, key);
            ComposeNetwork declared = project.networks().get(key);
            synchronized (networkLock) {
                Optional<Network> existing = findNetwork(engineName);
                if (existing.isPresent()) {
                    continue;
                }
                if (engineName.equals(settings.taskNetwork())) {
                    taskNetwork.create();
                } else if (declared != null && Boolean.TRUE.equals(declared.external())) {
                    throw new LaunchException(LaunchException.Kind.RESOURCE, null, "network " + engineName
                            + " does not exist (it is declared external)", null);
                } else {
                    Map<String, String> labels = new LinkedHashMap<>();
                    labels.put(PROJECT_LABEL, name);
                    labels.put("com.docker.compose.network", key);
                    var create = docker.createNetworkCmd().withName(engineName).withDriver("bridge").withLabels(labels);
                    if (declared != null && declared.ipam() != null && declared.ipam().config() != null) {
                        create.withIpam(new Network.Ipam().withConfig(declared.ipam().config().stream()
                                .map(c -> new Network.Ipam.Config().withSubnet(c.subnet()).withGateway(c.gateway()))
                                .toList()));
                    }
                    try {
                        create.exec();
                    } catch (DockerException e) {
                        throw new LaunchException(LaunchException.Kind.RESOURCE, null, "cannot create network "
                                + engineName + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /**
     * Host addresses for listeners tasks reach, one small network each out of {@code pool}.
     *
     * @param pool where the address networks' subnets come from ({@code service-connect.subnet})
     * @return the allocator
     */
    public ListenAddresses listenAddresses(Ipv4Subnet pool) {
        return new AddressNetworks(docker, pool, settings.taskNetwork(), settings.network().mode());
    }

    @Override
    public void ensureTaskNetwork() {
        synchronized (networkLock) {
            taskNetwork.ensure();
        }
    }

    @Override
    public void attach(String containerId, String network, Optional<String> address) {
        InspectContainerResponse self = docker.inspectContainerCmd(containerId).exec();
        if (self.getNetworkSettings().getNetworks().containsKey(network)) {
            return;
        }
        ContainerNetwork settings = new ContainerNetwork();
        address.ifPresent(ip -> settings.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip)));
        docker.connectToNetworkCmd().withNetworkId(network).withContainerId(self.getId())
                .withContainerNetwork(settings).exec();
        LOG.info("Attached container " + self.getName() + " to network " + network + address.map(ip -> " at " + ip)
                .orElse(""));
    }

    @Override
    public EngineHost host() {
        Info info = docker.infoCmd().exec();
        String apiVersion = docker.versionCmd().exec().getApiVersion();
        Map<String, List<String>> plugins = info.getPlugins() == null ? Map.of() : info.getPlugins();
        long memory = info.getMemTotal() == null ? 0 : info.getMemTotal() / (1024 * 1024);
        return new EngineHost(String.valueOf(info.getId()), info.getNCPU() == null ? 0 : info.getNCPU(), memory,
                String.valueOf(info.getServerVersion()), String.valueOf(apiVersion),
                info.getOsType() == null ? "linux" : info.getOsType(),
                EngineHost.ecsArchitecture(String.valueOf(info.getArchitecture())),
                plugins.getOrDefault("Log", List.of()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> stats(String containerId) {
        var callback = new InvocationBuilder.AsyncResultCallback<
                Statistics>();
        docker.statsCmd(containerId).withNoStream(true).exec(callback);
        try (callback) {
            // docker-java's model carries Docker's own JSON names, which is the shape ECS's stats endpoints give
            return STATS_JSON.convertValue(callback.awaitResult(), Map.class);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private Optional<Network> findNetwork(String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(network -> network.getName().equals(name)).findFirst();
    }

    private void volumes(ComposeProject project, String name) {
        for (Map.Entry<String, ComposeVolume> entry : project.volumes().entrySet()) {
            String engineName = ProjectNames.volume(project, name, entry.getKey());
            ComposeVolume volume = entry.getValue();
            try {
                docker.inspectVolumeCmd(engineName).exec();
                continue;
            } catch (NotFoundException missing) {
                if (Boolean.TRUE.equals(volume.external())) {
                    throw new LaunchException(LaunchException.Kind.RESOURCE, null, "volume " + engineName
                            + " does not exist (shared scope without autoprovision)", null);
                }
            }
            Map<String, String> labels = new LinkedHashMap<>(volume.labels() == null ? Map.of() : volume.labels());
            if (volume.name() == null) {
                labels.put(PROJECT_LABEL, name);
                labels.put("com.docker.compose.volume", entry.getKey());
            }
            try {
                var create = docker.createVolumeCmd().withName(engineName).withLabels(labels);
                if (volume.driver() != null) {
                    create.withDriver(volume.driver());
                }
                if (volume.driverOpts() != null) {
                    create.withDriverOpts(volume.driverOpts());
                }
                create.exec();
            } catch (DockerException e) {
                throw new LaunchException(LaunchException.Kind.RESOURCE, null, "cannot create volume " + engineName
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private void pull(String service, String image, Optional<RegistryLogin> login) {
        boolean present = imagePresent(image);
        PullPolicy policy = settings.pullPolicy();
        if (present && policy != PullPolicy.ALWAYS) {
            return;
        }
        if (!present && policy == PullPolicy.NEVER) {
            throw new LaunchException(LaunchException.Kind.PULL, service, "image " + image
                    + " is not present and tasks.pull-policy is never", null);
        }
        NameParser.ReposTag parsed = NameParser.parseRepositoryTag(image);
        try {
            var pull = docker.pullImageCmd(parsed.repos).withTag(parsed.tag.isEmpty() ? "latest" : parsed.tag);
            AuthConfig auth = login.map(l -> new AuthConfig().withUsername(l.username()).withPassword(l.password())
                    .withRegistryAddress(l.registry())).orElseGet(() -> authConfig.effectiveAuthConfig(image));
            if (auth != null && (auth.getUsername() != null || auth.getIdentitytoken() != null)) {
                pull.withAuthConfig(auth);
            }
            if (!pull.exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES)) {
                throw new LaunchException(LaunchException.Kind.PULL, service, "pull of " + image + " timed out", null);
            }
        } catch (DockerException e) {
            throw new LaunchException(LaunchException.Kind.PULL, service, "pull " + image + ": "
                    + e.getMessage().trim(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.Kind.PULL, service, "pull of " + image + " interrupted", e);
        }
        if (!imagePresent(image)) {
            throw new LaunchException(LaunchException.Kind.PULL, service, "pull " + image + ": image not found", null);
        }
    }

    private boolean imagePresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void build(ComposedTask compose, String service, ComposeService definition) {
        ComposeService.Build build = definition.build();
        File context = compose.directory().resolve(build.context()).normalize().toFile();
        String tag = imageOf(compose.project(), service, definition);
        try {
            var command = docker.buildImageCmd(context).withTags(Set.of(tag)).withPull(false);
            if (build.dockerfile() != null) {
                command.withDockerfile(new File(context, build.dockerfile()));
            }
            if (build.args() != null) {
                build.args().forEach((key, value) -> command.withBuildArg(key, value == null ? "" : value));
            }
            if (build.target() != null) {
                command.withTarget(build.target());
            }
            command.exec(new BuildImageResultCallback()).awaitImageId(10, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new LaunchException(LaunchException.Kind.PULL, service, "build of " + tag + " from " + context
                    + " failed: " + e.getMessage(), e);
        }
    }

    static String imageOf(String project, String service, ComposeService definition) {
        return definition.image() != null ? definition.image() : project + "-" + service;
    }

    @Override
    public String create(ComposedTask compose, String service, Map<String, String> created,
                         Map<String, String> secrets) {
        return create(compose, service, created, new LaunchValues(secrets, Map.of()));
    }

    @Override
    public String create(ComposedTask compose, String service, Map<String, String> created, LaunchValues values) {
        ComposeService definition = compose.effective().services().get(service);
        return AwsvpcPauses.concerns(definition) ? pauses.create(compose, service)
                : createContainer(compose, service, definition, created, values);
    }

    private String createContainer(ComposedTask compose, String service, ComposeService definition,
                                   Map<String, String> created, LaunchValues values) {
        try {
            ContainerFactory.Prepared prepared = factory.prepare(compose.effective(), compose.project(),
                    compose.directory(), service, definition, created,
                    imageOf(compose.project(), service, definition), values);
            String id = prepared.command().exec().getId();
            for (Map.Entry<String, ComposeService.ServiceNetwork> network : prepared.extraNetworks().entrySet()) {
                List<String> aliases = new ArrayList<>();
                ComposeService.ServiceNetwork options = network.getValue();
                ContainerNetwork settings = new ContainerNetwork();
                if (options != null && options.aliases() != null) {
                    aliases.addAll(options.aliases());
                }
                if (options != null && options.ipv4Address() != null) {
                    settings.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(options.ipv4Address()));
                }
                docker.connectToNetworkCmd().withNetworkId(network.getKey()).withContainerId(id)
                        .withContainerNetwork(settings.withAliases(aliases)).exec();
            }
            return id;
        } catch (DockerException | IllegalArgumentException | IllegalStateException e) {
            throw new LaunchException(LaunchException.Kind.START, service, e.getMessage().trim(), e);
        }
    }

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        String execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder output = new StringBuilder();
        try (var callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        })) {
            if (!callback.awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the command did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        synchronized (output) {
            return new ExecResult(exitCode == null ? -1 : exitCode.intValue(), output.toString());
        }
    }

    @Override
    public InteractiveExec execInteractive(String containerId, List<String> command, InteractiveExec.Output output) {
        return InteractiveDockerExec.start(docker, containerId, command, output);
    }

    @Override
    public String start(String containerId) {
        String id = containerId;
        while (true) { // bounded: each remade pause container publishes fewer ports, or the failure is thrown
            try {
                docker.startContainerCmd(id).exec();
                return id;
            } catch (NotModifiedException alreadyRunning) {
                LOG.fine("Container " + id + " already running");
                return id;
            } catch (DockerException e) {
                id = pauses.withoutRefusedPort(id, e).orElseThrow(() -> new LaunchException(LaunchException.Kind.START,
                        null, e.getMessage().trim(), e));
            }
        }
    }

    @Override
    public Observation observe(String containerId, String taskNetwork) {
        InspectContainerResponse inspect = docker.inspectContainerCmd(containerId).exec();
        var state = inspect.getState();
        List<PortBinding> ports = new ArrayList<>();
        var networkSettings = inspect.getNetworkSettings();
        if (networkSettings != null && networkSettings.getPorts() != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> entry
                    : networkSettings.getPorts().getBindings().entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                for (Ports.Binding binding : entry.getValue()) {
                    if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isEmpty()) {
                        ports.add(new PortBinding(entry.getKey().getPort(), entry.getKey().getProtocol().toString(),
                                binding.getHostIp() == null || binding.getHostIp().isEmpty() ? "0.0.0.0"
                                        : binding.getHostIp(), Integer.parseInt(binding.getHostPortSpec())));
                    }
                }
            }
        }
        Optional<String> ip = Optional.empty();
        Optional<String> mac = Optional.empty();
        if (networkSettings != null && networkSettings.getNetworks() != null) {
            ContainerNetwork network = networkSettings.getNetworks().get(taskNetwork);
            if (network != null) {
                ip = Optional.ofNullable(network.getIpAddress()).filter(s -> !s.isEmpty());
                mac = Optional.ofNullable(network.getMacAddress()).filter(s -> !s.isEmpty());
            }
        }
        Optional<String> health = Optional.ofNullable(state.getHealth()).map(h -> h.getStatus())
                .filter(s -> s.equals("healthy") || s.equals("unhealthy")).map(s -> s.toUpperCase(Locale.ROOT));
        return new Observation(containerId, Boolean.TRUE.equals(state.getRunning()),
                Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null ? Optional.empty()
                        : Optional.of(state.getExitCodeLong().intValue()),
                Boolean.TRUE.equals(state.getOOMKilled()), health, digest(inspect.getImageId()), ports, ip, mac);
    }

    private Optional<String> digest(String imageId) {
        Optional<String> known = digests.get(imageId);
        if (known != null) {
            return known;
        }
        Optional<String> found = inspectDigest(imageId);
        digests.put(imageId, found);
        return found;
    }

    private Optional<String> inspectDigest(String imageId) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
            if (image.getRepoDigests() != null && !image.getRepoDigests().isEmpty()) {
                String repoDigest = image.getRepoDigests().get(0);
                return Optional.of(repoDigest.substring(repoDigest.indexOf('@') + 1));
            }
            return Optional.ofNullable(image.getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void stop(String containerId, int timeoutSeconds) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(timeoutSeconds).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            LOG.fine("Container " + containerId + " was not running");
        }
        pauses.stopped(containerId);
    }

    @Override
    public void remove(String project) {
        pauses.removed(project);
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec()) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                LOG.fine("Container " + container.getId() + " already removed");
            }
        }
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of(PROJECT_LABEL + "=" + project))
                .exec()) {
            try {
                docker.removeNetworkCmd(network.getId()).exec();
            } catch (DockerException e) {
                LOG.warning("Cannot remove network " + network.getName() + ": " + e.getMessage());
            }
        }
        for (var volume : docker.listVolumesCmd().withFilter("label", List.of(PROJECT_LABEL + "=" + project)).exec()
                .getVolumes()) {
            try {
                docker.removeVolumeCmd(volume.getName()).exec();
            } catch (DockerException e) {
                LOG.warning("Cannot remove volume " + volume.getName() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Map<String, Observation> containers(String taskArn) {
        Map<String, Observation> result = new HashMap<>();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.TASK_ARN, taskArn)).exec()) {
            String service = container.getLabels().get("com.docker.compose.service");
            if (service != null) {
                result.put(service, observe(container.getId(), settings.taskNetwork()));
            }
        }
        return result;
    }

    @Override
    public void follow(String containerId, OutputReceiver receiver) throws InterruptedException {
        outputs.follow(containerId, receiver);
    }

    @Override
    public void events(EventListener listener) {
        Thread.ofVirtual().name("docker-events").start(() -> {
            long since = System.currentTimeMillis() / 1000;
            long backoff = 1000;
            while (!closed) {
                long from = since;
                try {
                    var callback = docker.eventsCmd()
                            .withEventTypeFilter(EventType.CONTAINER)
                            .withLabelFilter(EcsLabels.TASK_ARN)
                            .withSince(Long.toString(from))
                            .exec(new ResultCallback.Adapter<Event>() {
                                @Override
                                public void onNext(Event event) {
                                    dispatch(event, listener);
                                }
                            });
                    eventStream = callback;
                    backoff = 1000;
                    callback.awaitCompletion();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!closed && backoff == 1000) {
                        LOG.log(Level.WARNING, "Docker event stream dropped; reconnecting: " + e.getMessage());
                    }
                }
                since = Math.max(from, System.currentTimeMillis() / 1000 - 1);
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        });
    }

    private static void dispatch(Event event, EventListener listener) {
        if (event.getActor() == null || event.getActor().getAttributes() == null) {
            return;
        }
        Map<String, String> attributes = event.getActor().getAttributes();
        String taskArn = attributes.get(EcsLabels.TASK_ARN);
        String service = attributes.get("com.docker.compose.service");
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (taskArn == null || service == null || action == null) {
            return;
        }
        Optional<Integer> exitCode = Optional.ofNullable(attributes.get("exitCode")).map(Integer::parseInt);
        try {
            listener.onEvent(taskArn, service, action, exitCode);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + action + " of " + service + " failed", e);
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Closeable stream = eventStream;
        if (stream != null) {
            stream.close();
        }
        docker.close();
    }
}
