package dev.localecs.plugins.gateways;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gateways and associations in ECS's wire shapes. */
final class GatewayViews {

    private GatewayViews() {
    }

    /** What CreateGateway, UpdateGateway and DeleteGateway answer. */
    static Map<String, Object> change(StoredGateway gateway, String status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gatewayArn", gateway.gatewayArn());
        answer.put("name", gateway.name());
        answer.put("status", status);
        return answer;
    }

    /**
     * ECS's {@code Gateway}: no load balancer exists locally, so {@code currentAlbCount} is 0 and
     * {@code failures} is empty.
     */
    static ObjectNode gateway(PluginContext context, StoredGateway gateway) {
        ObjectNode view = context.json().createObjectNode();
        view.put("gatewayArn", gateway.gatewayArn());
        view.put("name", gateway.name());
        view.put("status", gateway.status());
        view.putArray("failures");
        view.put("infrastructureRoleArn", gateway.infrastructureRoleArn());
        view.put("deletionProtection", gateway.deletionProtection());
        ObjectNode alb = gateway.hostSharedAlb().deepCopy();
        alb.put("currentAlbCount", 0);
        view.putObject("configuration").set("hostSharedAlb", alb);
        view.put("accessType", "internal".equals(alb.path("scheme").asText()) ? "PRIVATE" : "PUBLIC");
        view.put("propagateTags", gateway.propagateTags());
        view.set("tags", context.json().valueToTree(context.tags().tags(gateway.gatewayArn())));
        view.put("createdAt", gateway.createdAt());
        view.put("updatedAt", gateway.updatedAt());
        return view;
    }

    /** ECS's {@code GatewaySummary}. */
    static ObjectNode summary(PluginContext context, StoredGateway gateway) {
        ObjectNode view = context.json().createObjectNode();
        view.put("gatewayArn", gateway.gatewayArn());
        view.put("name", gateway.name());
        view.put("status", gateway.status());
        view.put("createdAt", gateway.createdAt());
        return view;
    }

    /** ECS's {@code GatewayClusterAssociationSummary} (and what Associate/Disassociate answer). */
    static Map<String, Object> association(PluginContext context, StoredGateway gateway,
                                           GatewayAssociation association) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gatewayArn", gateway.gatewayArn());
        answer.put("clusterArn", context.arns().cluster(association.cluster()));
        answer.put("status", association.status());
        return answer;
    }
}
