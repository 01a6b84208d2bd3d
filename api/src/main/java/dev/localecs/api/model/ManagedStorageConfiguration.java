package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The managed storage configuration for the cluster.
 *
 * @param kmsKeyId Specify a Key Management Service key ID to encrypt Amazon ECS managed storage.
 * @param fargateEphemeralStorageKmsKeyId Specify the Key Management Service key ID for Fargate ephemeral storage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedStorageConfiguration(
        String kmsKeyId,
        String fargateEphemeralStorageKmsKeyId) {
}
