package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The authorization configuration details for the Amazon EFS file system.
 *
 * @param accessPointId The Amazon EFS access point ID to use.
 * @param iam Determines whether to use the Amazon ECS task role defined in a task definition when mounting the Amazon EFS file system.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EFSAuthorizationConfig(
        String accessPointId,
        String iam) {
}
