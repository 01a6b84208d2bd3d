package dev.localecs.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.EcsAction;
import dev.localecs.api.EcsArns;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.health.DockerProbe;
import dev.localecs.runtime.health.HealthService;
import dev.localecs.runtime.plugin.ActionRegistry;
import dev.localecs.runtime.plugin.PluginHost;
import dev.localecs.runtime.plugin.Registered;
import dev.localecs.runtime.protocol.AwsJsonService;
import dev.localecs.runtime.protocol.EcsErrorHandlers;
import dev.localecs.runtime.protocol.EcsJson;
import dev.localecs.runtime.protocol.EcsResponses;
import dev.localecs.runtime.protocol.RequestId;
import dev.localecs.runtime.state.FileClusterRegistry;
import dev.localecs.runtime.state.FileTagRegistry;
import dev.localecs.runtime.state.FileTaskDefinitionRegistry;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.upstream.BaseCredentials;
import dev.localecs.runtime.upstream.UpstreamEcs;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The running emulator: state, plugins, upstream and the HTTP server, wired from configuration.
 * {@link #start(RuntimeConfig, Map, Path)} builds everything or fails with a message naming the setting.
 */
public final class LocalEcsRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalEcsRuntime.class.getName());

    private final PluginHost plugins;
    private final DockerProbe docker;
    private final WebServer server;

    private LocalEcsRuntime(PluginHost plugins, DockerProbe docker, WebServer server) {
        this.plugins = plugins;
        this.docker = docker;
        this.server = server;
    }

    /**
     * Starts the runtime.
     *
     * @param config the configuration
     * @param environment the process environment (base credentials)
     * @param baseDir what relative paths in the configuration are relative to
     * @return the running runtime
     */
    public static LocalEcsRuntime start(RuntimeConfig config, Map<String, String> environment, Path baseDir) {
        requireNonNull(config, "config is null");
        ObjectMapper json = EcsJson.create();
        EcsArns arns = new EcsArns(config.get("aws.region", "us-east-1"), config.get("aws.account-id", "000000000000"));
        JsonFileStore store = new JsonFileStore(path(baseDir, config.get("state.dir", "state")), json);

        StrategyHolder strategy = new StrategyHolder();
        UpstreamEcs upstream = new UpstreamEcs(config.get("upstream.ecs.endpoint").map(LocalEcsRuntime::endpoint),
                arns.region(), Duration.ofSeconds(config.getInt("upstream.ecs.timeout-seconds", 10)),
                new BaseCredentials(strategy, environment), json);
        RuntimeContext context = new RuntimeContext(arns, config, Clock.tickMillis(java.time.ZoneOffset.UTC), json,
                new FileTaskDefinitionRegistry(store, upstream::describeTaskDefinition),
                new FileClusterRegistry(store, arns), new FileTagRegistry(store), new ComposeYaml());

        List<Path> roots = config.list("plugins.dir").stream().map(dir -> path(baseDir, dir)).toList();
        boolean development = config.get("plugins.mode", "deployment").equals("development");
        PluginHost plugins = new PluginHost(roots, development, new HashSet<>(config.list("plugins.disabled")),
                () -> context);
        DockerProbe docker = null;
        try {
            plugins.start();
            strategy.choose(config.get("credentials.api.strategy"),
                    plugins.extensions(CredentialStrategy.class, CredentialStrategy::name));
            List<Registered<EcsAction>> offered = plugins.extensions(EcsAction.class, EcsAction::name);
            ActionRegistry actions = ActionRegistry.build(offered, config);
            docker = new DockerProbe(config.get("docker.host", "unix:///var/run/docker.sock"));
            EcsResponses responses = new EcsResponses(json);
            HttpRouting.Builder routing = HttpRouting.builder()
                    .addFilter((chain, req, res) -> {
                        RequestId id = RequestId.next();
                        req.context().register(id);
                        res.header(EcsResponses.REQUEST_ID, id.value());
                        chain.proceed();
                    })
                    .register("/health", new HealthService(plugins, actions, docker, upstream, json, responses))
                    .register("/", new AwsJsonService(actions, upstream, json, responses));
            EcsErrorHandlers.register(routing, responses);
            WebServer server = WebServer.builder()
                    .host(config.get("server.host", "127.0.0.1"))
                    .port(config.getInt("server.port", 8000))
                    .routing(routing)
                    .build()
                    .start();
            LOG.info("local-ecs-api listening on http://" + config.get("server.host", "127.0.0.1") + ":"
                    + server.port() + " (state " + store.root() + ", upstream "
                    + upstream.endpoint().map(URI::toString).orElse("none") + ")");
            return new LocalEcsRuntime(plugins, docker, server);
        } catch (RuntimeException e) {
            closeQuietly(docker);
            plugins.close();
            throw e;
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("upstream.ecs.endpoint (ECS_ENDPOINT_URL) must be a URL such as "
                    + "http://localhost:5000, not '" + value + "'.");
        }
    }

    static Path path(Path baseDir, String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return baseDir.resolve(expanded).normalize();
    }

    /**
     * The port the API listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /** Stops the server and the plugins. */
    @Override
    public void close() {
        server.stop();
        plugins.close();
        closeQuietly(docker);
    }

    private static void closeQuietly(DockerProbe docker) {
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException e) {
                LOG.fine("Closing the Docker client: " + e);
            }
        }
    }

    /** The credential strategy for the runtime's own calls, chosen once the plugins are loaded. */
    private static final class StrategyHolder implements java.util.function.Supplier<Optional<CredentialStrategy>> {
        private volatile Optional<CredentialStrategy> chosen = Optional.empty();

        void choose(Optional<String> name, List<Registered<CredentialStrategy>> strategies) {
            if (name.isEmpty()) {
                return;
            }
            chosen = Optional.of(strategies.stream().map(Registered::extension)
                    .filter(s -> s.name().equals(name.get())).findFirst()
                    .orElseThrow(() -> new ConfigurationException("credentials.api.strategy names '" + name.get()
                            + "', but no loaded plugin offers that credential strategy; loaded: "
                            + strategies.stream().map(r -> r.extension().name()).toList() + ".")));
        }

        @Override
        public Optional<CredentialStrategy> get() {
            return chosen;
        }
    }
}
