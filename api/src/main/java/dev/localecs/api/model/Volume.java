package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data volume configuration for tasks launched using this task definition.
 *
 * @param name The name of the volume.
 * @param host This parameter is specified when you use bind mount host volumes.
 * @param dockerVolumeConfiguration This parameter is specified when you use Docker volumes.
 * @param efsVolumeConfiguration This parameter is specified when you use an Amazon Elastic File System file system for task storage.
 * @param s3filesVolumeConfiguration This parameter is specified when you use an Amazon S3 Files file system for task storage.
 * @param fsxWindowsFileServerVolumeConfiguration This parameter is specified when you use Amazon FSx for Windows File Server file system for task storage.
 * @param configuredAtLaunch Indicates whether the volume should be configured at launch time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
        String name,
        HostVolumeProperties host,
        DockerVolumeConfiguration dockerVolumeConfiguration,
        EFSVolumeConfiguration efsVolumeConfiguration,
        S3FilesVolumeConfiguration s3filesVolumeConfiguration,
        FSxWindowsFileServerVolumeConfiguration fsxWindowsFileServerVolumeConfiguration,
        Boolean configuredAtLaunch) {
}
