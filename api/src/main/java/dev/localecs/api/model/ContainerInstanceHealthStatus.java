package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An object representing the health status of the container instance.
 *
 * @param overallStatus An overview of the health status of the container instance.
 * @param details An array of objects representing the details of the container instance health status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerInstanceHealthStatus(
        String overallStatus,
        List<InstanceHealthCheckResult> details) {
}
