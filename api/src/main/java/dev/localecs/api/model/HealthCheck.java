package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An object representing a container health check.
 *
 * @param command A string array representing the command that the container runs to determine if it is healthy.
 * @param interval The time period in seconds between each health check execution.
 * @param timeout The time period in seconds to wait for a health check to succeed before it is considered a failure.
 * @param retries The number of times to retry a failed health check before the container is considered unhealthy.
 * @param startPeriod The optional grace period to provide containers time to bootstrap before failed health checks count towards the maximum number of retries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(
        List<String> command,
        Integer interval,
        Integer timeout,
        Integer retries,
        Integer startPeriod) {
}
