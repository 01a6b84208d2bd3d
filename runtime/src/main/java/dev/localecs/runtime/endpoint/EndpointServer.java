package dev.localecs.runtime.endpoint;

import dev.localecs.runtime.aws.TaskRoleCredentials;
import dev.localecs.runtime.network.EndpointMode;
import dev.localecs.runtime.protocol.HttpVersionRefusal;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The second listener, where task containers find credentials and metadata: {@code endpoint.host}
 * (169.254.170.2, the task network's gateway in {@code host-gateway} mode, the runtime container's own
 * address on it in {@code container} mode) on {@code endpoint.port} (80). Failing to listen does not stop
 * the API; it shows in {@code /health}.
 */
public final class EndpointServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EndpointServer.class.getName());

    private final EndpointMode mode;
    private final String host;
    private final int port;
    private final Optional<WebServer> server;
    private final Optional<String> error;
    private final TaskRoleCredentials credentials;

    private EndpointServer(EndpointMode mode, String host, int port, Optional<WebServer> server, Optional<String> error,
                           TaskRoleCredentials credentials) {
        this.mode = mode;
        this.host = host;
        this.port = port;
        this.server = server;
        this.error = error;
        this.credentials = credentials;
    }

    /**
     * Starts the listener unless the mode is {@code disabled}.
     *
     * @param mode the endpoint mode
     * @param host the address to listen on
     * @param port the port
     * @param service the endpoint routes
     * @param credentials the task-role credentials (for {@code /health})
     * @return the server
     */
    public static EndpointServer start(EndpointMode mode, String host, int port, EndpointService service,
                                       TaskRoleCredentials credentials) {
        if (!mode.listens()) {
            return new EndpointServer(mode, host, port, Optional.empty(), Optional.empty(), credentials);
        }
        try {
            WebServer server = WebServer.builder().host(host).port(port)
                    .directHandlers(HttpVersionRefusal.handlers())
                    .routing(HttpRouting.builder().register("/", service))
                    .build().start();
            if (!server.isRunning() || server.port() <= 0) {
                server.stop();
                throw new IllegalStateException("the listener did not start");
            }
            LOG.info("Credentials and metadata endpoint listening on http://" + host + ":" + server.port());
            return new EndpointServer(mode, host, server.port(), Optional.of(server), Optional.empty(), credentials);
        } catch (RuntimeException e) {
            String message = "cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); task containers "
                    + "get no credentials or metadata. " + (mode == EndpointMode.CONTAINER
                    ? "The runtime's container must be on the task network at " + host + " (see the log above)."
                    : "Run as root with the task network present, or set endpoint.mode.");
            LOG.warning("Endpoint " + message);
            return new EndpointServer(mode, host, port, Optional.empty(), Optional.of(message), credentials);
        }
    }

    /**
     * Whether the mode asks for a listener (every mode but {@code disabled}).
     *
     * @return whether not listening is a failure
     */
    public boolean shouldListen() {
        return mode.listens();
    }

    /**
     * The endpoint's state for {@code /health}.
     *
     * @return mode, address, whether it listens, error, AssumeRole calls so far, the credential strategy's state
     */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("mode", mode.value());
        health.put("address", host + ":" + port);
        health.put("listening", server.isPresent());
        error.ifPresent(e -> health.put("error", e));
        health.put("assumeRoleCalls", credentials.assumeRoleCalls());
        health.put("credentials", credentials.strategyHealth());
        return health;
    }

    @Override
    public void close() {
        server.ifPresent(WebServer::stop);
    }
}
