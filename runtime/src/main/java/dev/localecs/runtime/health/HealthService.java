package dev.localecs.runtime.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.runtime.endpoint.EndpointServer;
import dev.localecs.runtime.plugin.ActionRegistry;
import dev.localecs.runtime.plugin.PluginHost;
import dev.localecs.runtime.plugin.Workers;
import dev.localecs.runtime.protocol.EcsResponses;
import dev.localecs.runtime.upstream.UpstreamEcs;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: plugins and their state, which plugin serves each action, Docker engine
 * reachability, the upstream configuration, the endpoint and its credential strategy, as JSON. {@code status}
 * (see {@link HealthStatus}) is {@code UP} with HTTP 200 only when everything tasks rely on works; otherwise
 * {@code DOWN} or {@code DEGRADED} with HTTP 503, and {@code problems} says what is wrong.
 */
public final class HealthService implements HttpService {
    private final PluginHost plugins;
    private final Workers workers;
    private final String engineName;
    private final boolean dockerEngine;
    private final ActionRegistry actions;
    private final DockerProbe docker;
    private final UpstreamEcs upstream;
    private final EndpointServer endpoint;
    private final ObjectMapper json;
    private final EcsResponses responses;

    /**
     * Creates the service.
     *
     * @param plugins the plugin host
     * @param workers the plugins' background workers
     * @param actions the action registry
     * @param engineName the task engine ({@code tasks.engine}): Docker's reachability matters only for docker
     * @param docker the engine probe
     * @param upstream the upstream endpoint
     * @param endpoint the credentials and metadata endpoint
     * @param json the mapper
     * @param responses the response writer
     */
    public HealthService(PluginHost plugins, Workers workers, ActionRegistry actions, String engineName,
                         DockerProbe docker, UpstreamEcs upstream, EndpointServer endpoint, ObjectMapper json,
                         EcsResponses responses) {
        this.engineName = engineName;
        this.dockerEngine = engineName.equals("docker");
        this.endpoint = endpoint;
        this.plugins = plugins;
        this.workers = workers;
        this.actions = actions;
        this.docker = docker;
        this.upstream = upstream;
        this.json = json;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest request, ServerResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> engine = docker.probe();
        Map<String, Object> listener = endpoint.health();
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        if (dockerEngine && !Boolean.TRUE.equals(engine.get("reachable"))) {
            down.add("The Docker engine " + engine.get("host") + " is unreachable: tasks cannot run.");
        }
        if (endpoint.shouldListen() && !Boolean.TRUE.equals(listener.get("listening"))) {
            down.add("The credentials and metadata endpoint does not listen on " + listener.get("address")
                    + " (endpoint.mode " + listener.get("mode") + "): tasks get no credentials or metadata.");
        }
        if (listener.get("credentials") instanceof Map<?, ?> credentials && "DOWN".equals(credentials.get("status"))) {
            degraded.add("The endpoint's credential strategy cannot produce credentials: " + credentials.get("problem"));
        }
        if (plugins.anyFailed()) {
            degraded.add("A plugin failed to load or start (see plugins).");
        }
        List<Workers.WorkerStatus> workerStates = workers.status();
        if (workerStates.stream().anyMatch(w -> w.error().isPresent())) {
            degraded.add("A plugin's background worker failed (see workers).");
        }
        HealthStatus status = HealthStatus.of(down, degraded);
        body.put("status", status.name());
        if (status != HealthStatus.UP) {
            List<String> problems = new ArrayList<>(down);
            problems.addAll(degraded);
            body.put("problems", problems);
        }
        body.put("plugins", plugins.status());
        body.put("workers", workerStates);
        body.put("actions", actions.plugins());
        body.put("engine", engineName);
        body.put("docker", engine);
        Map<String, Object> ecs = new LinkedHashMap<>();
        ecs.put("configured", upstream.endpoint().isPresent());
        upstream.endpoint().ifPresent(endpoint -> ecs.put("endpoint", endpoint.toString()));
        ecs.put("credentials", upstream.credentialSource());
        body.put("upstream", Map.of("ecs", ecs));
        body.put("endpoint", listener);
        try {
            responses.send(request, response, status.httpStatus(),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
