package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Details on a task in a cluster.
 *
 * @param attachments The Elastic Network Adapter that's associated with the task if the task uses the awsvpc network mode.
 * @param attributes The attributes of the task
 * @param availabilityZone The Availability Zone for the task.
 * @param capacityProviderName The capacity provider that's associated with the task.
 * @param clusterArn The ARN of the cluster that hosts the task.
 * @param connectivity The connectivity status of a task.
 * @param connectivityAt The Unix timestamp for the time when the task last went into CONNECTED status.
 * @param containerInstanceArn The ARN of the container instances that host the task.
 * @param containers The containers that's associated with the task.
 * @param cpu The number of CPU units used by the task as expressed in a task definition.
 * @param createdAt The Unix timestamp for the time when the task was created.
 * @param desiredStatus The desired status of the task.
 * @param enableExecuteCommand Determines whether execute command functionality is turned on for this task.
 * @param executionStoppedAt The Unix timestamp for the time when the task execution stopped.
 * @param group The name of the task group that's associated with the task.
 * @param healthStatus The health status for the task.
 * @param inferenceAccelerators The Elastic Inference accelerator that's associated with the task.
 * @param lastStatus The last known status for the task.
 * @param launchType The infrastructure where your task runs on.
 * @param memory The amount of memory (in MiB) that the task uses as expressed in a task definition.
 * @param overrides One or more container overrides.
 * @param platformVersion The platform version where your task runs on.
 * @param platformFamily The operating system that your tasks are running on.
 * @param pullStartedAt The Unix timestamp for the time when the container image pull began.
 * @param pullStoppedAt The Unix timestamp for the time when the container image pull completed.
 * @param startedAt The Unix timestamp for the time when the task started.
 * @param startedBy The tag specified when a task is started.
 * @param stopCode The stop code indicating why a task was stopped.
 * @param stoppedAt The Unix timestamp for the time when the task was stopped.
 * @param stoppedReason The reason that the task was stopped.
 * @param stoppingAt The Unix timestamp for the time when the task stops.
 * @param tags The metadata that you apply to the task to help you categorize and organize the task.
 * @param taskArn The Amazon Resource Name (ARN) of the task.
 * @param taskDefinitionArn The ARN of the task definition that creates the task.
 * @param version The version counter for the task.
 * @param ephemeralStorage The ephemeral storage settings for the task.
 * @param fargateEphemeralStorage The Fargate ephemeral storage settings for the task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
        List<Attachment> attachments,
        List<Attribute> attributes,
        String availabilityZone,
        String capacityProviderName,
        String clusterArn,
        String connectivity,
        Instant connectivityAt,
        String containerInstanceArn,
        List<Container> containers,
        String cpu,
        Instant createdAt,
        String desiredStatus,
        Boolean enableExecuteCommand,
        Instant executionStoppedAt,
        String group,
        String healthStatus,
        List<InferenceAccelerator> inferenceAccelerators,
        String lastStatus,
        String launchType,
        String memory,
        TaskOverride overrides,
        String platformVersion,
        String platformFamily,
        Instant pullStartedAt,
        Instant pullStoppedAt,
        Instant startedAt,
        String startedBy,
        String stopCode,
        Instant stoppedAt,
        String stoppedReason,
        Instant stoppingAt,
        List<Tag> tags,
        String taskArn,
        String taskDefinitionArn,
        Long version,
        EphemeralStorage ephemeralStorage,
        TaskEphemeralStorage fargateEphemeralStorage) {
    /**
     * The task without its tags, as DescribeTasks answers without {@code include: ["TAGS"]}.
     *
     * @return a copy whose {@code tags} is absent
     */
    public Task withoutTags() {
        return new Task(attachments, attributes, availabilityZone, capacityProviderName, clusterArn, connectivity,
                connectivityAt, containerInstanceArn, containers, cpu, createdAt, desiredStatus, enableExecuteCommand,
                executionStoppedAt, group, healthStatus, inferenceAccelerators, lastStatus, launchType, memory,
                overrides, platformVersion, platformFamily, pullStartedAt, pullStoppedAt, startedAt, startedBy,
                stopCode, stoppedAt, stoppedReason, stoppingAt, null, taskArn, taskDefinitionArn, version,
                ephemeralStorage, fargateEphemeralStorage);
    }
}
