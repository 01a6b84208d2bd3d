package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An object representing the result of a container instance health status check.
 *
 * @param type The type of container instance health status that was verified.
 * @param status The container instance health status.
 * @param statusReason A reason for the status, when not OK.
 * @param lastUpdated The Unix timestamp for when the container instance health status was last updated.
 * @param lastStatusChange The Unix timestamp for when the container instance health status last changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceHealthCheckResult(
        String type,
        String status,
        String statusReason,
        Instant lastUpdated,
        Instant lastStatusChange) {
}
