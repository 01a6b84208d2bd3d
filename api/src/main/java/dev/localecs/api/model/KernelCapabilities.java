package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The Linux capabilities to add or remove from the default Docker configuration for a container defined in the task definition.
 *
 * @param add The Linux capabilities for the container that have been added to the default configuration provided by Docker.
 * @param drop The Linux capabilities for the container that have been removed from the default configuration provided by Docker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KernelCapabilities(
        List<String> add,
        List<String> drop) {
}
