package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The overrides that are associated with a task.
 *
 * @param containerOverrides One or more container overrides that are sent to a task.
 * @param cpu The CPU override for the task.
 * @param inferenceAcceleratorOverrides The Elastic Inference accelerator override for the task.
 * @param executionRoleArn The Amazon Resource Name (ARN) of the task execution role override for the task.
 * @param memory The memory override for the task.
 * @param taskRoleArn The Amazon Resource Name (ARN) of the role that containers in this task can assume.
 * @param ephemeralStorage The ephemeral storage setting override for the task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskOverride(
        List<ContainerOverride> containerOverrides,
        String cpu,
        List<InferenceAcceleratorOverride> inferenceAcceleratorOverrides,
        String executionRoleArn,
        String memory,
        String taskRoleArn,
        EphemeralStorage ephemeralStorage) {
}
