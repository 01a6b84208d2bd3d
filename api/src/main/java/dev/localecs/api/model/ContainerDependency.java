package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The dependencies defined for container startup and shutdown.
 *
 * @param containerName The name of a container.
 * @param condition The dependency condition of the container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerDependency(
        String containerName,
        String condition) {
}
