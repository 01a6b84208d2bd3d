package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Details on an Elastic Inference accelerator task override.
 *
 * @param deviceName The Elastic Inference accelerator device name to override for the task.
 * @param deviceType The Elastic Inference accelerator type to use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceAcceleratorOverride(
        String deviceName,
        String deviceType) {
}
