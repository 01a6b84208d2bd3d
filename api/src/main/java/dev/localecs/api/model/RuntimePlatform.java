package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Information about the platform for the Amazon ECS service or task.
 *
 * @param cpuArchitecture The CPU architecture.
 * @param operatingSystemFamily The operating system.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimePlatform(
        String cpuArchitecture,
        String operatingSystemFamily) {
}
