package dev.localecs.plugins.services.network;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import java.time.Duration;

/**
 * How the front door health-checks its targets, read once: an Application Load Balancer's target group settings
 * with local defaults (ALB's are 30 s, 5 s, 5 and 2; a local service starts in seconds, so these are shorter).
 * A newly registered target is healthy after one passing check, as on ELB; {@code healthyThreshold} applies to a
 * target coming back from UNHEALTHY.
 *
 * @param interval time between two checks of a target ({@code front-door.health-check.interval-seconds}, 5)
 * @param timeout how long a check waits for the status line ({@code front-door.health-check.timeout-seconds}, 2)
 * @param healthyThreshold passing checks in a row that make an UNHEALTHY target healthy again
 *                         ({@code front-door.health-check.healthy-threshold}, 2)
 * @param unhealthyThreshold failing checks in a row that make a target UNHEALTHY
 *                           ({@code front-door.health-check.unhealthy-threshold}, 2)
 */
public record HealthCheckSettings(Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold) {
    /**
     * Validates the components.
     *
     * @param interval the interval
     * @param timeout the timeout
     * @param healthyThreshold the healthy threshold
     * @param unhealthyThreshold the unhealthy threshold
     */
    public HealthCheckSettings {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("front-door.health-check.interval-seconds and timeout-seconds must be "
                    + "at least 1.");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new ConfigurationException("front-door.health-check.healthy-threshold and unhealthy-threshold must "
                    + "be at least 1.");
        }
    }

    /**
     * The settings a configuration gives.
     *
     * @param config the runtime's configuration
     * @return the settings
     */
    public static HealthCheckSettings read(ConfigView config) {
        return new HealthCheckSettings(
                Duration.ofSeconds(config.getInt("front-door.health-check.interval-seconds", 5)),
                Duration.ofSeconds(config.getInt("front-door.health-check.timeout-seconds", 2)),
                config.getInt("front-door.health-check.healthy-threshold", 2),
                config.getInt("front-door.health-check.unhealthy-threshold", 2));
    }
}
