package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRef;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DiscoverPollEndpoint: where an agent polls. The runtime is its instance's agent, so every endpoint is the
 * runtime's own address as the caller reached it; it does not serve ECS's agent websocket protocols there.
 */
@Extension
public final class DiscoverPollEndpointAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DiscoverPollEndpointAction(PluginContext context) {
        this.context = context;
    }

    record Request(String containerInstance, String cluster) {
    }

    @Override
    public String name() {
        return "DiscoverPollEndpoint";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.cluster() != null) {
            context.clusters().active(ClusterRef.parse(body.cluster()).name());
        }
        String endpoint = request.endpoint().map(URI::toString)
                .orElseGet(() -> "http://" + context.config().get("server.host").orElse("127.0.0.1") + ":"
                        + context.config().getInt("server.port", 8000)) + "/";
        Map<String, String> response = new LinkedHashMap<>();
        response.put("endpoint", endpoint);
        response.put("telemetryEndpoint", endpoint);
        response.put("serviceConnectEndpoint", endpoint);
        return response;
    }
}
