package dev.localecs.plugins.services;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Target tracking for one express service, as Application Auto Scaling runs it for an ECS service, with no clock
 * or I/O of its own: each period the caller gives the time, the metric's sample (none when nothing could be
 * measured) and the desired count; the answer is the desired count to set.
 * <ul>
 *   <li>A desired count outside {@code [minTaskCount, maxTaskCount]} is brought inside at once.</li>
 *   <li>Scale out: the last {@code scaleOutPeriods} samples are all above the target, and the scale-out cooldown
 *   since the last scale-out has passed: {@code ceil(desired × mean / target)}, at most {@code maxTaskCount}.</li>
 *   <li>Scale in, more conservatively: the last {@code scaleInPeriods} samples are all below 90% of the target,
 *   the scale-in cooldown since the last scale-in and the scale-out cooldown since the last scale-out have
 *   passed: {@code ceil(desired × mean / target)}, at least {@code minTaskCount}.</li>
 *   <li>After each change the samples start over: they were measured at the former capacity.</li>
 * </ul>
 */
final class TargetTrackingScaler {
    /** The low alarm's share of the target, as target tracking sets it. */
    static final double SCALE_IN_SHARE = 0.9;

    /**
     * What a service asks for.
     *
     * @param minimum {@code scalingTarget.minTaskCount}
     * @param maximum {@code scalingTarget.maxTaskCount}
     * @param target {@code scalingTarget.autoScalingTargetValue}
     */
    record Policy(int minimum, int maximum, double target) {
        Policy {
            if (minimum < 0 || maximum < minimum || !(target > 0)) {
                throw new IllegalArgumentException("0 <= minimum <= maximum and a positive target are required");
            }
        }
    }

    private final ScalingSettings settings;
    private final Deque<Double> samples = new ArrayDeque<>();
    private Instant lastScaleOut = Instant.MIN;
    private Instant lastScaleIn = Instant.MIN;

    TargetTrackingScaler(ScalingSettings settings) {
        this.settings = settings;
    }

    /**
     * One period's decision.
     *
     * @param now the time
     * @param policy the service's scaling target
     * @param desired the service's desired count now
     * @param sample the metric this period, if it could be measured
     * @return the desired count to set (the same for no change)
     */
    synchronized int next(Instant now, Policy policy, int desired, OptionalDouble sample) {
        sample.ifPresent(value -> {
            samples.addLast(value);
            while (samples.size() > Math.max(settings.scaleOutPeriods(), settings.scaleInPeriods())) {
                samples.removeFirst();
            }
        });
        if (desired < policy.minimum() || desired > policy.maximum()) {
            samples.clear();
            return Math.clamp(desired, policy.minimum(), policy.maximum());
        }
        List<Double> out = last(settings.scaleOutPeriods());
        if (!out.isEmpty() && out.stream().allMatch(value -> value > policy.target())
                && !now.isBefore(after(lastScaleOut, settings.scaleOutCooldown()))) {
            int proposed = Math.min(policy.maximum(), capacity(Math.max(1, desired), mean(out), policy.target()));
            if (proposed > desired) {
                lastScaleOut = now;
                samples.clear();
                return proposed;
            }
        }
        List<Double> in = last(settings.scaleInPeriods());
        if (!in.isEmpty() && in.stream().allMatch(value -> value < policy.target() * SCALE_IN_SHARE)
                && !now.isBefore(after(lastScaleIn, settings.scaleInCooldown()))
                && !now.isBefore(after(lastScaleOut, settings.scaleOutCooldown()))) {
            int proposed = Math.max(policy.minimum(), capacity(desired, mean(in), policy.target()));
            if (proposed < desired) {
                lastScaleIn = now;
                samples.clear();
                return proposed;
            }
        }
        return desired;
    }

    /** The last {@code count} samples, or none when there are fewer. */
    private List<Double> last(int count) {
        if (samples.size() < count) {
            return List.of();
        }
        List<Double> all = List.copyOf(samples);
        return all.subList(all.size() - count, all.size());
    }

    private static Instant after(Instant last, java.time.Duration cooldown) {
        return last.equals(Instant.MIN) ? Instant.MIN : last.plus(cooldown);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The count at which the metric would be at the target, were the load spread the same way. */
    private static int capacity(int desired, double mean, double target) {
        // a tiny tolerance keeps an exact ratio (2 × 90 / 60 = 3) from rounding up on floating-point noise
        return (int) Math.ceil(desired * mean / target - 1e-9);
    }
}
