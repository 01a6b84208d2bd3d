package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings to use when creating a cluster.
 *
 * @param name The name of the cluster setting.
 * @param value The value to set for the cluster setting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSetting(
        String name,
        String value) {
}
