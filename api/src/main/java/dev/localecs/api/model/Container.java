package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A Docker container that's part of a task.
 *
 * @param containerArn The Amazon Resource Name (ARN) of the container.
 * @param taskArn The ARN of the task.
 * @param name The name of the container.
 * @param image The image used for the container.
 * @param imageDigest The container image manifest digest.
 * @param runtimeId The ID of the Docker container.
 * @param lastStatus The last known status of the container.
 * @param exitCode The exit code returned from the container.
 * @param reason A short (1024 max characters) human-readable string to provide additional details about a running or stopped container.
 * @param networkBindings The network bindings associated with the container.
 * @param networkInterfaces The network interfaces associated with the container.
 * @param healthStatus The health status of the container.
 * @param managedAgents The details of any Amazon ECS managed agents associated with the container.
 * @param cpu The number of CPU units set for the container.
 * @param memory The hard limit (in MiB) of memory set for the container.
 * @param memoryReservation The soft limit (in MiB) of memory set for the container.
 * @param gpuIds The IDs of each GPU assigned to the container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Container(
        String containerArn,
        String taskArn,
        String name,
        String image,
        String imageDigest,
        String runtimeId,
        String lastStatus,
        Integer exitCode,
        String reason,
        List<NetworkBinding> networkBindings,
        List<NetworkInterface> networkInterfaces,
        String healthStatus,
        List<ManagedAgent> managedAgents,
        String cpu,
        String memory,
        String memoryReservation,
        List<String> gpuIds) {
}
