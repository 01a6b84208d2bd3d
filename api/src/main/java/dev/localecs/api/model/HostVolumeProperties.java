package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Details on a container instance bind mount host volume.
 *
 * @param sourcePath When the host parameter is used, specify a sourcePath to declare the path on the host container instance that's presented to the container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostVolumeProperties(
        String sourcePath) {
}
