package dev.localecs.plugins.instances;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.EcsEvent;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.ContainerInstance;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * "ECS Container Instance State Change" events, published on the runtime's ECS event bus (the EventBridge
 * plugin delivers them): whenever the instance is registered, deregistered or changes status, and whenever its
 * remaining resources change because one of its tasks started or stopped, as ECS sends them. The {@code detail}
 * is the instance as DescribeContainerInstances shows it, with {@code clusterArn} and {@code updatedAt} (ISO-8601,
 * as event details carry times) and without {@code registeredAt}.
 */
final class InstanceStateEvents {
    static final String DETAIL_TYPE = "ECS Container Instance State Change";

    private InstanceStateEvents() {
    }

    /**
     * Publishes the instance's state as it is now.
     *
     * @param context the plugin context
     * @param cluster the cluster name
     * @param instance the instance as it is now
     */
    static void publish(PluginContext context, String cluster, ContainerInstance instance) {
        Instant now = context.clock().instant();
        ObjectNode detail = context.json().valueToTree(instance);
        detail.remove("registeredAt");
        detail.remove("tags");
        detail.remove("healthStatus");
        detail.put("clusterArn", context.arns().cluster(cluster));
        detail.put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(now));
        context.events().publish(new EcsEvent(EcsEvent.ECS_SOURCE, DETAIL_TYPE,
                List.of(instance.containerInstanceArn()), detail.toString(), now));
    }
}
