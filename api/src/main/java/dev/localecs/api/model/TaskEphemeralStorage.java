package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The amount of ephemeral storage to allocate for the task.
 *
 * @param sizeInGiB The total amount, in GiB, of the ephemeral storage to set for the task.
 * @param kmsKeyId Specify an Key Management Service key ID to encrypt the ephemeral storage for the task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEphemeralStorage(
        Integer sizeInGiB,
        String kmsKeyId) {
}
