package dev.localecs.runtime.tasks;

import java.util.Arrays;
import java.util.Optional;

/** A container's or task's {@code healthStatus}, as ECS names it. */
public enum HealthStatus {
    /** the health check passes */
    HEALTHY,
    /** the health check fails */
    UNHEALTHY,
    /** no health check, or no result yet */
    UNKNOWN;

    /**
     * Reads a wire value.
     *
     * @param value the value, possibly null
     * @return the status; null and unknown names are UNKNOWN
     */
    public static HealthStatus of(String value) {
        return Optional.ofNullable(value).flatMap(v -> Arrays.stream(values())
                .filter(s -> s.name().equals(v)).findFirst()).orElse(UNKNOWN);
    }
}
