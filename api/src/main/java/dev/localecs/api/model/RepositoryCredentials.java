package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The repository credentials for private registry authentication.
 *
 * @param credentialsParameter The Amazon Resource Name (ARN) of the secret containing the private repository credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryCredentials(
        String credentialsParameter) {
}
