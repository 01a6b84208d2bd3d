package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Use this parameter to set a default Service Connect namespace.
 *
 * @param namespace The namespace name or full Amazon Resource Name (ARN) of the Cloud Map namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterServiceConnectDefaults(
        String namespace) {
}
