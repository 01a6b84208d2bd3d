package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This parameter is specified when you're using Amazon FSx for Windows File Server file system for task storage.
 *
 * @param fileSystemId The Amazon FSx for Windows File Server file system ID to use.
 * @param rootDirectory The directory within the Amazon FSx for Windows File Server file system to mount as the root directory inside the host.
 * @param authorizationConfig The authorization configuration details for the Amazon FSx for Windows File Server file system.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FSxWindowsFileServerVolumeConfiguration(
        String fileSystemId,
        String rootDirectory,
        FSxWindowsFileServerAuthorizationConfig authorizationConfig) {
}
