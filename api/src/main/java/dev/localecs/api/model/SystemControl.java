package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A list of namespaced kernel parameters to set in the container.
 *
 * @param namespace The namespaced kernel parameter to set a value for.
 * @param value The namespaced kernel parameter to set a value for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemControl(
        String namespace,
        String value) {
}
