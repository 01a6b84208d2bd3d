package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Docker and Amazon ECS container agent version information about a container instance.
 *
 * @param agentVersion The version number of the Amazon ECS container agent.
 * @param agentHash The Git commit hash for the Amazon ECS container agent build on the amazon-ecs-agent GitHub repository.
 * @param dockerVersion The Docker version that's running on the container instance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(
        String agentVersion,
        String agentHash,
        String dockerVersion) {
}
