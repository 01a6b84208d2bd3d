package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A failed resource.
 *
 * @param arn The Amazon Resource Name (ARN) of the failed resource.
 * @param reason The reason for the failure.
 * @param detail The details of the failure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Failure(
        String arn,
        String reason,
        String detail) {
}
