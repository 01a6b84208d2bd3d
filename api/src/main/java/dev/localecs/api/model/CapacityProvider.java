package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The details for a capacity provider.
 *
 * @param capacityProviderArn The Amazon Resource Name (ARN) that identifies the capacity provider.
 * @param name The name of the capacity provider.
 * @param cluster The cluster that a cluster-scoped capacity provider belongs to.
 * @param status The current status of the capacity provider.
 * @param autoScalingGroupProvider The Auto Scaling group settings for the capacity provider.
 * @param managedInstancesProvider The Amazon ECS Managed Instances settings, kept as given.
 * @param updateStatus The update status of the capacity provider.
 * @param updateStatusReason The update status reason.
 * @param tags The metadata that you apply to the capacity provider.
 * @param type The type of capacity provider.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityProvider(
        String capacityProviderArn,
        String name,
        String cluster,
        String status,
        AutoScalingGroupProvider autoScalingGroupProvider,
        JsonNode managedInstancesProvider,
        String updateStatus,
        String updateStatusReason,
        List<Tag> tags,
        String type) {
}
