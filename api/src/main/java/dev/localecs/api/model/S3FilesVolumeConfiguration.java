package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This parameter is specified when you're using an Amazon S3 Files file system for task storage.
 *
 * @param fileSystemArn The full ARN of the S3 Files file system to mount.
 * @param rootDirectory The directory within the Amazon S3 Files file system to mount as the root directory.
 * @param transitEncryptionPort The port to use for sending encrypted data between the ECS host and the S3 Files file system.
 * @param accessPointArn The full ARN of the S3 Files access point to use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3FilesVolumeConfiguration(
        String fileSystemArn,
        String rootDirectory,
        Integer transitEncryptionPort,
        String accessPointArn) {
}
