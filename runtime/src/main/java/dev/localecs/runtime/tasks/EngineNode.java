package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * One machine of an engine that runs tasks on several (a Kubernetes cluster's schedulable nodes): each is a
 * container instance of every cluster, with its own resources and attributes, and placement chooses among them.
 *
 * @param name the engine's name for it (the node name); tasks placed on it carry it
 * @param cpuUnits the CPU it can give tasks, in CPU units (1024 per processor)
 * @param memoryMib the memory it can give tasks, in MiB
 * @param attributes the ECS attributes it has beyond the engine's ({@code ecs.availability-zone},
 *        {@code ecs.instance-type}, {@code ecs.cpu-architecture}, {@code ecs.os-type})
 * @param ec2InstanceId its EC2 instance id when it is an EC2 instance (from the node's provider id)
 * @param runtimeVersion its container runtime ({@code containerd://1.7.2}), as {@code versionInfo.dockerVersion}
 */
public record EngineNode(String name, long cpuUnits, long memoryMib, Map<String, String> attributes,
                         Optional<String> ec2InstanceId, String runtimeVersion) {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param cpuUnits the CPU units
     * @param memoryMib the memory
     * @param attributes the attributes
     * @param ec2InstanceId the EC2 instance id
     * @param runtimeVersion the container runtime
     */
    public EngineNode {
        requireNonNull(name, "name is null");
        attributes = Map.copyOf(attributes);
        requireNonNull(ec2InstanceId, "ec2InstanceId is null");
        requireNonNull(runtimeVersion, "runtimeVersion is null");
    }
}
