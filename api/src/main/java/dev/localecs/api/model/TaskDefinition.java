package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The details of a task definition which describes the container and volume definitions of an Amazon Elastic Container Service task.
 *
 * @param taskDefinitionArn The full Amazon Resource Name (ARN) of the task definition.
 * @param containerDefinitions A list of container definitions in JSON format that describe the different containers that make up your task.
 * @param family The name of a family that this task definition is registered to.
 * @param taskRoleArn The short name or full Amazon Resource Name (ARN) of the Identity and Access Management role that grants containers in the task permission to call Amazon Web Services APIs on your behalf.
 * @param executionRoleArn The Amazon Resource Name (ARN) of the task execution role that grants the Amazon ECS container agent permission to make Amazon Web Services API calls on your behalf.
 * @param networkMode The Docker networking mode to use for the containers in the task.
 * @param revision The revision of the task in a particular family.
 * @param volumes The list of data volume definitions for the task.
 * @param status The status of the task definition.
 * @param requiresAttributes The container instance attributes required by your task.
 * @param placementConstraints An array of placement constraint objects to use for tasks.
 * @param compatibilities Amazon ECS validates the task definition parameters with those supported by the launch type.
 * @param runtimePlatform The operating system that your task definitions are running on.
 * @param requiresCompatibilities The task launch types the task definition was validated against.
 * @param cpu The number of cpu units used by the task.
 * @param memory The amount (in MiB) of memory used by the task.
 * @param inferenceAccelerators The Elastic Inference accelerator that's associated with the task.
 * @param pidMode The process namespace to use for the containers in the task.
 * @param ipcMode The IPC resource namespace to use for the containers in the task.
 * @param proxyConfiguration The configuration details for the App Mesh proxy.
 * @param registeredAt The Unix timestamp for the time when the task definition was registered.
 * @param deregisteredAt The Unix timestamp for the time when the task definition was deregistered.
 * @param deleteRequestedAt The Unix timestamp for the time when the task definition delete was requested.
 * @param registeredBy The principal that registered the task definition.
 * @param ephemeralStorage The ephemeral storage settings to use for tasks run with the task definition.
 * @param enableFaultInjection Enables fault injection and allows for fault injection requests to be accepted from the task's containers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDefinition(
        String taskDefinitionArn,
        List<ContainerDefinition> containerDefinitions,
        String family,
        String taskRoleArn,
        String executionRoleArn,
        String networkMode,
        Integer revision,
        List<Volume> volumes,
        String status,
        List<Attribute> requiresAttributes,
        List<TaskDefinitionPlacementConstraint> placementConstraints,
        List<String> compatibilities,
        RuntimePlatform runtimePlatform,
        List<String> requiresCompatibilities,
        String cpu,
        String memory,
        List<InferenceAccelerator> inferenceAccelerators,
        String pidMode,
        String ipcMode,
        ProxyConfiguration proxyConfiguration,
        Instant registeredAt,
        Instant deregisteredAt,
        Instant deleteRequestedAt,
        String registeredBy,
        EphemeralStorage ephemeralStorage,
        Boolean enableFaultInjection) {
}
