package dev.localecs.plugins.services;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import java.time.Duration;

/**
 * How the local target tracking of express services runs, read once (see {@link TargetTrackingScaler}).
 *
 * @param period time between two samples of a service's metric ({@code express-scaling.period-seconds}, 10)
 * @param scaleOutPeriods samples in a row above the target that scale out ({@code express-scaling.scale-out-periods},
 *                        3)
 * @param scaleInPeriods samples in a row below 90% of the target that scale in
 *                       ({@code express-scaling.scale-in-periods}, 15)
 * @param scaleOutCooldown time after a scale-out before the next scaling activity
 *                         ({@code express-scaling.scale-out-cooldown-seconds}, 30)
 * @param scaleInCooldown time after a scale-in before the next scale-in
 *                        ({@code express-scaling.scale-in-cooldown-seconds}, 120)
 */
record ScalingSettings(Duration period, int scaleOutPeriods, int scaleInPeriods, Duration scaleOutCooldown,
                       Duration scaleInCooldown) {
    ScalingSettings {
        if (period.isZero() || period.isNegative() || scaleOutPeriods < 1 || scaleInPeriods < 1
                || scaleOutCooldown.isNegative() || scaleInCooldown.isNegative()) {
            throw new ConfigurationException("express-scaling.period-seconds, scale-out-periods and scale-in-periods "
                    + "must be at least 1, and the cooldowns at least 0.");
        }
    }

    static ScalingSettings read(ConfigView config) {
        return new ScalingSettings(Duration.ofSeconds(config.getInt("express-scaling.period-seconds", 10)),
                config.getInt("express-scaling.scale-out-periods", 3),
                config.getInt("express-scaling.scale-in-periods", 15),
                Duration.ofSeconds(config.getInt("express-scaling.scale-out-cooldown-seconds", 30)),
                Duration.ofSeconds(config.getInt("express-scaling.scale-in-cooldown-seconds", 120)));
    }
}
