package dev.localecs.plugins.services.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What the networking needs to know of one service, as the services plugin stores it.
 *
 * @param cluster the cluster name
 * @param serviceName the service name
 * @param serviceArn the service ARN
 * @param status {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
 * @param members the service's stored request members ({@code loadBalancers}, {@code serviceRegistries})
 * @param deployments each deployment's members ({@code serviceConnectConfiguration}), the PRIMARY first
 * @param healthCheckPath the path the front door health-checks the tasks on (an express service's
 *                        {@code healthCheckPath}); empty for no HTTP health check
 */
public record NetworkedService(String cluster, String serviceName, String serviceArn, String status,
                               JsonNode members, List<JsonNode> deployments, Optional<String> healthCheckPath) {
    /**
     * Validates the components.
     *
     * @param cluster the cluster
     * @param serviceName the name
     * @param serviceArn the ARN
     * @param status the status
     * @param members the members
     * @param deployments the deployments' members
     * @param healthCheckPath the front door's health check path
     */
    public NetworkedService {
        requireNonNull(healthCheckPath, "healthCheckPath is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceArn, "serviceArn is null");
        requireNonNull(status, "status is null");
        requireNonNull(members, "members is null");
        deployments = List.copyOf(deployments);
    }

    /**
     * A service whose front door does not health-check its tasks.
     *
     * @param cluster the cluster
     * @param serviceName the name
     * @param serviceArn the ARN
     * @param status the status
     * @param members the members
     * @param deployments the deployments' members
     */
    public NetworkedService(String cluster, String serviceName, String serviceArn, String status, JsonNode members,
                            List<JsonNode> deployments) {
        this(cluster, serviceName, serviceArn, status, members, deployments, Optional.empty());
    }

    /**
     * The key services are known by.
     *
     * @return {@code <cluster>/<name>}
     */
    public String key() {
        return cluster + "/" + serviceName;
    }

    /**
     * The Service Connect configuration of the PRIMARY deployment, when enabled.
     *
     * @return the configuration
     */
    public Optional<ServiceConnect> serviceConnect() {
        return deployments.isEmpty() ? Optional.empty() : ServiceConnect.of(deployments.getFirst()
                .path("serviceConnectConfiguration"));
    }

    /**
     * Whether the service is live (its tasks serve).
     *
     * @return false once INACTIVE
     */
    public boolean live() {
        return !"INACTIVE".equals(status);
    }
}
