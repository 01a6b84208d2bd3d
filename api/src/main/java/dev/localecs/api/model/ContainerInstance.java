package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An Amazon EC2 or External instance that's running the Amazon ECS agent and has been registered with a cluster.
 *
 * @param containerInstanceArn The Amazon Resource Name (ARN) of the container instance.
 * @param ec2InstanceId The ID of the container instance.
 * @param capacityProviderName The capacity provider that's associated with the container instance.
 * @param version The version counter for the container instance.
 * @param versionInfo The version information for the Amazon ECS container agent and Docker daemon.
 * @param remainingResources For CPU and memory resource types, this parameter describes the remaining CPU and memory that wasn't already allocated to tasks.
 * @param registeredResources For CPU and memory resource types, this parameter describes the amount of each resource that was available on the container instance when the container agent registered it.
 * @param status The status of the container instance.
 * @param statusReason The reason that the container instance reached its current status.
 * @param agentConnected This parameter returns true if the agent is connected to Amazon ECS.
 * @param runningTasksCount The number of tasks on the container instance that have a desired status of RUNNING.
 * @param pendingTasksCount The number of tasks on the container instance that are in the PENDING status.
 * @param agentUpdateStatus The status of the most recent agent update.
 * @param attributes The attributes set for the container instance.
 * @param registeredAt The Unix timestamp for the time when the container instance was registered.
 * @param attachments The resources attached to a container instance, such as an elastic network interface.
 * @param tags The metadata that you apply to the container instance.
 * @param healthStatus An object representing the health status of the container instance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerInstance(
        String containerInstanceArn,
        String ec2InstanceId,
        String capacityProviderName,
        Long version,
        VersionInfo versionInfo,
        List<Resource> remainingResources,
        List<Resource> registeredResources,
        String status,
        String statusReason,
        Boolean agentConnected,
        Integer runningTasksCount,
        Integer pendingTasksCount,
        String agentUpdateStatus,
        List<Attribute> attributes,
        Instant registeredAt,
        List<Attachment> attachments,
        List<Tag> tags,
        ContainerInstanceHealthStatus healthStatus) {
}
