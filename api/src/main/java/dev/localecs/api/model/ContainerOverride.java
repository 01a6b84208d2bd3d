package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The overrides that are sent to a container.
 *
 * @param name The name of the container that receives the override.
 * @param command The command to send to the container that overrides the default command from the Docker image or the task definition.
 * @param environment The environment variables to send to the container.
 * @param environmentFiles A list of files containing the environment variables to pass to a container, instead of the value from the container definition.
 * @param cpu The number of cpu units reserved for the container, instead of the default value from the task definition.
 * @param memory The hard limit (in MiB) of memory to present to the container, instead of the default value from the task definition.
 * @param memoryReservation The soft limit (in MiB) of memory to reserve for the container, instead of the default value from the task definition.
 * @param resourceRequirements The type and amount of a resource to assign to a container, instead of the default value from the task definition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerOverride(
        String name,
        List<String> command,
        List<KeyValuePair> environment,
        List<EnvironmentFile> environmentFiles,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        List<ResourceRequirement> resourceRequirements) {
}
