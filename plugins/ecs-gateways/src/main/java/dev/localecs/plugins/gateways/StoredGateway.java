package dev.localecs.plugins.gateways;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gateway as the plugin keeps it ({@code state.dir/gateways/<name>.json}).
 *
 * @param gatewayArn {@code arn:aws:ecs:<r>:<a>:gateway/<name>}
 * @param name the name
 * @param status {@code ACTIVE}
 * @param infrastructureRoleArn the role ECS would manage the load balancers with
 * @param deletionProtection whether DeleteGateway is refused
 * @param hostSharedAlb the {@code hostSharedAlb} configuration with ECS's defaults filled in
 * @param propagateTags {@code NONE} or {@code GATEWAY}
 * @param clientToken the CreateGateway client token, or null
 * @param createdAt epoch seconds
 * @param updatedAt epoch seconds
 * @param associations the clusters it is or was associated with
 */
record StoredGateway(String gatewayArn, String name, String status, String infrastructureRoleArn,
                     boolean deletionProtection, ObjectNode hostSharedAlb, String propagateTags, String clientToken,
                     double createdAt, double updatedAt, List<GatewayAssociation> associations) {

    StoredGateway {
        associations = List.copyOf(associations);
    }

    Optional<GatewayAssociation> association(String cluster) {
        return associations.stream().filter(a -> a.cluster().equals(cluster)).findFirst();
    }

    /** The clusters it is associated with now. */
    List<String> activeClusters() {
        return associations.stream().filter(a -> "ACTIVE".equals(a.status())).map(GatewayAssociation::cluster)
                .toList();
    }

    StoredGateway withAssociation(GatewayAssociation association) {
        List<GatewayAssociation> list = new ArrayList<>(associations.stream()
                .filter(a -> !a.cluster().equals(association.cluster())).toList());
        list.add(association);
        return new StoredGateway(gatewayArn, name, status, infrastructureRoleArn, deletionProtection, hostSharedAlb,
                propagateTags, clientToken, createdAt, association.updatedAt(), list);
    }

    StoredGateway updated(String role, boolean protection, ObjectNode alb, String propagate, double now) {
        return new StoredGateway(gatewayArn, name, status, role, protection, alb, propagate, clientToken, createdAt,
                now, associations);
    }
}
