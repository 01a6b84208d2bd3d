package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.PluginContext;
import dev.localecs.plugins.services.network.NetworkedService;
import dev.localecs.plugins.services.network.ServiceNetworking;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where the services plugin meets its networking ({@link ServiceNetworking}): one per plugin context, shared by
 * the networking worker, the compose provider and the scheduler (which drains a task before it stops it), and the
 * stored services as the networking sees them.
 */
final class ServiceNetworks {
    private static final Map<PluginContext, ServiceNetworking> NETWORKS = new WeakHashMap<>();

    private ServiceNetworks() {
    }

    /** The networking of a plugin context, made on first use. */
    static ServiceNetworking of(PluginContext context) {
        synchronized (NETWORKS) {
            return NETWORKS.computeIfAbsent(context, c -> ServiceNetworking.create(c,
                    () -> views(ServiceStore.of(c))));
        }
    }

    /** A stored service as the networking sees it. */
    static NetworkedService view(StoredService service) {
        List<JsonNode> deployments = service.deployments().stream().map(d -> (JsonNode) d.members()).toList();
        return new NetworkedService(service.cluster(), service.serviceName(), service.serviceArn(), service.status(),
                service.members(), deployments);
    }

    /** Every stored service as the networking sees it. */
    static List<NetworkedService> views(ServiceStore store) {
        return store.all().stream().map(ServiceNetworks::view).toList();
    }
}
