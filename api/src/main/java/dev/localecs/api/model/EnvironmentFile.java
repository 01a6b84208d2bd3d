package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A list of files containing the environment variables to pass to a container.
 *
 * @param value The Amazon Resource Name (ARN) of the Amazon S3 object containing the environment variable file.
 * @param type The file type to use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentFile(
        String value,
        String type) {
}
