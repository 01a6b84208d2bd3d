package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The details of the execute command configuration.
 *
 * @param kmsKeyId Specify an Key Management Service key ID to encrypt the data between the local client and the container.
 * @param logging The log setting to use for redirecting logs for your execute command results.
 * @param logConfiguration The log configuration for the results of the execute command actions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteCommandConfiguration(
        String kmsKeyId,
        String logging,
        ExecuteCommandLogConfiguration logConfiguration) {
}
