package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An object representing the secret to expose to your container.
 *
 * @param name The name of the secret.
 * @param valueFrom The secret to expose to the container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Secret(
        String name,
        String valueFrom) {
}
