package dev.localecs.runtime.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.runtime.plugin.ActionRegistry;
import dev.localecs.runtime.plugin.PluginHost;
import dev.localecs.runtime.protocol.EcsResponses;
import dev.localecs.runtime.upstream.UpstreamEcs;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: plugins and their state, which plugin serves each action, Docker engine
 * reachability and the upstream configuration, as JSON. {@code status} is {@code UP} unless a plugin
 * failed or the Docker engine cannot be reached ({@code DEGRADED}; {@code docker.error} says why).
 */
public final class HealthService implements HttpService {
    private final PluginHost plugins;
    private final ActionRegistry actions;
    private final DockerProbe docker;
    private final UpstreamEcs upstream;
    private final dev.localecs.runtime.endpoint.EndpointServer endpoint;
    private final ObjectMapper json;
    private final EcsResponses responses;

    /**
     * Creates the service.
     *
     * @param plugins the plugin host
     * @param actions the action registry
     * @param docker the engine probe
     * @param upstream the upstream endpoint
     * @param endpoint the credentials and metadata endpoint
     * @param json the mapper
     * @param responses the response writer
     */
    public HealthService(PluginHost plugins, ActionRegistry actions, DockerProbe docker, UpstreamEcs upstream,
                         dev.localecs.runtime.endpoint.EndpointServer endpoint, ObjectMapper json,
                         EcsResponses responses) {
        this.endpoint = endpoint;
        this.plugins = plugins;
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
        boolean engineUp = Boolean.TRUE.equals(engine.get("reachable"));
        body.put("status", plugins.anyFailed() || !engineUp ? "DEGRADED" : "UP");
        body.put("plugins", plugins.status());
        body.put("actions", actions.plugins());
        body.put("docker", engine);
        Map<String, Object> ecs = new LinkedHashMap<>();
        ecs.put("configured", upstream.endpoint().isPresent());
        upstream.endpoint().ifPresent(endpoint -> ecs.put("endpoint", endpoint.toString()));
        ecs.put("credentials", upstream.credentialSource());
        body.put("upstream", Map.of("ecs", ecs));
        body.put("endpoint", endpoint.health());
        try {
            responses.send(request, response, 200, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body),
                    "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
