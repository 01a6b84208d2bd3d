package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The details for a volume mount point that's used in a container definition.
 *
 * @param sourceVolume The name of the volume to mount.
 * @param containerPath The path on the container to mount the host volume at.
 * @param readOnly If this value is true, the container has read-only access to the volume.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MountPoint(
        String sourceVolume,
        String containerPath,
        Boolean readOnly) {
}
