package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        if (service.deploymentController().usesTaskSets()) {
            return byTaskSets(service);
        }
        List<JsonNode> deployments = service.deployments().stream().map(d -> (JsonNode) d.members()).toList();
        return new NetworkedService(service.cluster(), service.serviceName(), service.serviceArn(), service.status(),
                service.members(), deployments, ExpressGatewayServices.healthCheckPath(service));
    }

    /**
     * A service of task sets (CODE_DEPLOY, EXTERNAL) as the networking sees it: its task sets are its deployments,
     * and the load balancers and registries of every task set are the service's (the front door spreads over all
     * task sets' tasks).
     */
    private static NetworkedService byTaskSets(StoredService service) {
        ObjectNode members = service.members().deepCopy();
        List<ObjectNode> sets = TaskSets.of(service);
        for (String member : List.of("loadBalancers", "serviceRegistries")) {
            ArrayNode union = members.putArray(member);
            service.members().path(member).forEach(union::add);
            sets.forEach(set -> set.path(member).forEach(entry -> {
                boolean known = false;
                for (JsonNode existing : union) {
                    known |= existing.equals(entry);
                }
                if (!known) {
                    union.add(entry);
                }
            }));
        }
        return new NetworkedService(service.cluster(), service.serviceName(), service.serviceArn(), service.status(),
                members, List.<JsonNode>copyOf(sets));
    }

    /** Every stored service as the networking sees it. */
    static List<NetworkedService> views(ServiceStore store) {
        return store.all().stream().map(ServiceNetworks::view).toList();
    }
}
