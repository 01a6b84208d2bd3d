package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Details on a data volume from another container in the same task definition.
 *
 * @param sourceContainer The name of another container within the same task definition to mount volumes from.
 * @param readOnly If this value is true, the container has read-only access to the volume.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeFrom(
        String sourceContainer,
        Boolean readOnly) {
}
