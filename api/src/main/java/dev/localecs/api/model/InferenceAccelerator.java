package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Details on an Elastic Inference accelerator.
 *
 * @param deviceName The Elastic Inference accelerator device name.
 * @param deviceType The Elastic Inference accelerator type to use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceAccelerator(
        String deviceName,
        String deviceType) {
}
