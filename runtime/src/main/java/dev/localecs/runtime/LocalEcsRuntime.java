package dev.localecs.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.endpoint.EndpointServer;
import dev.localecs.runtime.exec.DataChannels;
import dev.localecs.runtime.endpoint.EndpointService;
import dev.localecs.runtime.health.DockerProbe;
import dev.localecs.runtime.health.HealthService;
import dev.localecs.runtime.network.EndpointMode;
import dev.localecs.runtime.protocol.AwsJsonService;
import dev.localecs.runtime.protocol.EcsErrorHandlers;
import dev.localecs.runtime.protocol.EcsResponses;
import dev.localecs.runtime.protocol.HttpVersionRefusal;
import dev.localecs.runtime.protocol.RequestId;
import io.helidon.common.socket.SocketOptions;
import dev.localecs.runtime.ui.UiService;
import dev.localecs.runtime.ui.UiSettings;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The running emulator: the {@link RuntimeCore} behind the HTTP server (ECS API on {@code POST /},
 * {@code GET /health}, ECS Exec's data channel on {@code /v1/data-channel/<session>}, the dashboard at
 * {@code /ui/}). {@link #start(RuntimeConfig, Map, Path)} builds everything or fails with a message
 * naming the setting.
 */
public final class LocalEcsRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalEcsRuntime.class.getName());

    private final RuntimeCore core;
    private final DockerProbe docker;
    private final WebServer server;
    private final EndpointServer endpoint;
    private final DataChannels dataChannels;
    private final UiService ui;

    private LocalEcsRuntime(RuntimeCore core, DockerProbe docker, WebServer server, EndpointServer endpoint,
                            DataChannels dataChannels, UiService ui) {
        this.core = core;
        this.dataChannels = dataChannels;
        this.ui = ui;
        this.endpoint = endpoint;
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
        RuntimeCore core = RuntimeCore.start(config, environment, baseDir);
        DockerProbe docker = null;
        EndpointServer endpoint = null;
        DataChannels dataChannels = null;
        UiService ui = null;
        try {
            docker = new DockerProbe(config.get("docker.host", "unix:///var/run/docker.sock"));
            ObjectMapper json = core.context().json();
            EndpointMode mode = core.tasks().map(tasks -> tasks.network().mode()).orElse(EndpointMode.DISABLED);
            if (mode == EndpointMode.CONTAINER) {
                attachSelf(core, config);
            }
            endpoint = EndpointServer.start(mode, config.get("endpoint.host", "169.254.170.2"),
                    config.getInt("endpoint.port", 80), core.tasks().map(tasks -> new EndpointService(tasks,
                            core.roleCredentials(), json, config.getBoolean("endpoint.source-check", true)))
                            .orElse(null), core.roleCredentials());
            EndpointServer endpointForHealth = endpoint;
            EcsResponses responses = new EcsResponses(json);
            HttpRouting.Builder routing = HttpRouting.builder()
                    .addFilter((chain, req, res) -> {
                        RequestId id = RequestId.next();
                        req.context().register(id);
                        res.header(EcsResponses.REQUEST_ID, id.value());
                        chain.proceed();
                    })
                    .register("/health", new HealthService(core.plugins(), core.workers(), core.actions(),
                            core.engineName(), docker,
                            core.upstream(), endpointForHealth, json, responses));
            UiSettings uiSettings = UiSettings.from(config);
            if (uiSettings.enabled() && core.tasks().isPresent()) {
                ui = new UiService(uiSettings, core.tasks().get(), core.context().taskDefinitions(), core.actions(),
                        core.composeDest(), core.engineName(), json);
                routing.register("/ui", ui);
            }
            routing.register("/", new AwsJsonService(core.actions(), core.upstream(), json, responses));
            EcsErrorHandlers.register(routing, responses);
            dataChannels = DataChannels.create(core.execSessions(), core.tasks(), core.context().clock());
            DataChannels channels = dataChannels;
            WebServer server = WebServer.builder()
                    .directHandlers(HttpVersionRefusal.handlers())
                    // answers go out at once: with Nagle's algorithm a response written in two segments
                    // waits for the client's delayed ACK (40 ms per call on Linux)
                    .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                    .host(config.get("server.host", "127.0.0.1"))
                    .port(config.getInt("server.port", 8000))
                    .routing(routing)
                    .addRouting(WsRouting.builder().endpoint(DataChannels.PATH, channels::newChannel))
                    .build()
                    .start();
            core.execSessions().listeningAt(config.get("server.host", "127.0.0.1") + ":" + server.port());
            LOG.info("local-ecs-api listening on http://" + config.get("server.host", "127.0.0.1") + ":"
                    + server.port() + " (state " + core.stateRoot() + ", upstream "
                    + core.upstream().endpoint().map(URI::toString).orElse("none") + ")");
            core.workers().start();
            return new LocalEcsRuntime(core, docker, server, endpoint, dataChannels, ui);
        } catch (RuntimeException e) {
            if (ui != null) {
                ui.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            if (dataChannels != null) {
                dataChannels.close();
            }
            closeQuietly(docker);
            core.close();
            throw e;
        }
    }

    /** In its image: join the task network at the endpoint address and the external networks. */
    private static void attachSelf(RuntimeCore core, RuntimeConfig config) {
        String self = config.get("endpoint.container-id").orElse(System.getenv().getOrDefault("HOSTNAME", ""));
        try {
            core.tasks().orElseThrow().attachRuntime(self, config.get("endpoint.host", "169.254.170.2"),
                    config.list("network.external"));
        } catch (RuntimeException e) {
            LOG.warning("Container mode: cannot attach container '" + self + "' to the task network ("
                    + e.getMessage() + "); mount /var/run/docker.sock and run the image as documented, or set "
                    + "endpoint.container-id.");
        }
    }

    /**
     * The port the API listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * The runtime's core services.
     *
     * @return the core
     */
    public RuntimeCore core() {
        return core;
    }

    /** Stops the server and the plugins. */
    @Override
    public void close() {
        dataChannels.close();
        if (ui != null) {
            ui.close();
        }
        server.stop();
        core.workers().close();
        endpoint.close();
        core.close();
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
}
