package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListServicesByNamespace: the services of every cluster whose Service Connect configuration (of the PRIMARY
 * deployment) names the namespace, by name or ARN as it was given; DRAINING and INACTIVE services are left out.
 */
@Extension
public final class ListServicesByNamespaceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListServicesByNamespaceAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String namespace, String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListServicesByNamespace";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> arns = ServiceStore.of(context).all().stream()
                .filter(service -> "ACTIVE".equals(service.status()))
                .filter(service -> inNamespace(service, body.namespace()))
                .map(StoredService::serviceArn)
                .toList();
        Page<String> page = Page.of(arns, body.maxResults(), body.nextToken(), 10, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("serviceArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private static boolean inNamespace(StoredService service, String namespace) {
        if (service.deployments().isEmpty() || service.deploymentController().usesTaskSets()) {
            return false;
        }
        JsonNode connect = service.primary().members().path("serviceConnectConfiguration");
        return connect.path("enabled").asBoolean(false) && namespace.equals(connect.path("namespace").asText(null));
    }
}
