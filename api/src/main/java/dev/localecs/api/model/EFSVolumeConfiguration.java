package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This parameter is specified when you're using an Amazon Elastic File System file system for task storage.
 *
 * @param fileSystemId The Amazon EFS file system ID to use.
 * @param rootDirectory The directory within the Amazon EFS file system to mount as the root directory inside the host.
 * @param transitEncryption Determines whether to use encryption for Amazon EFS data in transit between the Amazon ECS host and the Amazon EFS server.
 * @param transitEncryptionPort The port to use when sending encrypted data between the Amazon ECS host and the Amazon EFS server.
 * @param authorizationConfig The authorization configuration details for the Amazon EFS file system.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EFSVolumeConfiguration(
        String fileSystemId,
        String rootDirectory,
        String transitEncryption,
        Integer transitEncryptionPort,
        EFSAuthorizationConfig authorizationConfig) {
}
