package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The target-tracking rule: prompt scale-out, conservative scale-in, cooldowns, bounds. */
class TargetTrackingScalerTest {
    /** A sample every 10 s; out after 3 high samples, in after 5 low ones; cooldowns 30 s out, 60 s in. */
    private static final ScalingSettings SETTINGS = new ScalingSettings(Duration.ofSeconds(10), 3, 5,
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final TargetTrackingScaler.Policy POLICY = new TargetTrackingScaler.Policy(1, 4, 60);

    private final TargetTrackingScaler scaler = new TargetTrackingScaler(SETTINGS);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private int sample(int desired, double value) {
        now = now.plusSeconds(10);
        return scaler.next(now, POLICY, desired, OptionalDouble.of(value));
    }

    @Test
    void scalesOutAfterThreeHighSamplesToTheCountThatBringsTheMetricToTheTarget() {
        assertThat(sample(1, 130)).isEqualTo(1);
        assertThat(sample(1, 130)).isEqualTo(1);
        // mean 130 of target 60 on 1 task: ceil(130 / 60) = 3
        assertThat(sample(1, 130)).isEqualTo(3);
    }

    @Test
    void aHighSampleBetweenLowOnesDoesNotScaleOut() {
        assertThat(sample(1, 130)).isEqualTo(1);
        assertThat(sample(1, 50)).isEqualTo(1);
        assertThat(sample(1, 130)).isEqualTo(1);
        assertThat(sample(1, 130)).isEqualTo(1);
        assertThat(sample(1, 130)).as("three high in a row now").isEqualTo(3);
    }

    @Test
    void scaleOutStopsAtTheMaximumAndWaitsForItsCooldown() {
        sample(1, 100);
        sample(1, 100);
        assertThat(sample(1, 100)).isEqualTo(2);
        // samples start over after a change, and the next scale-out waits 30 s from the last
        assertThat(sample(2, 600)).isEqualTo(2);
        assertThat(sample(2, 600)).isEqualTo(2);
        assertThat(sample(2, 600)).as("30 s after: ceil(2 × 600 / 60) = 20, at most 4").isEqualTo(4);
    }

    @Test
    void scaleOutWithinItsCooldownWaits() {
        TargetTrackingScaler fast = new TargetTrackingScaler(new ScalingSettings(Duration.ofSeconds(10), 1, 5,
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(fast.next(t, POLICY, 1, OptionalDouble.of(120))).isEqualTo(2);
        assertThat(fast.next(t.plusSeconds(10), POLICY, 2, OptionalDouble.of(120))).as("in cooldown").isEqualTo(2);
        assertThat(fast.next(t.plusSeconds(30), POLICY, 2, OptionalDouble.of(120))).isEqualTo(4);
    }

    @Test
    void scalesInOnlyAfterFiveLowSamplesAndNeverBelowTheMinimum() {
        for (int i = 0; i < 4; i++) {
            assertThat(sample(4, 0)).as("sample %d", i + 1).isEqualTo(4);
        }
        assertThat(sample(4, 0)).as("ceil(4 × 0 / 60) = 0, at least 1").isEqualTo(1);
    }

    @Test
    void aSampleJustUnderTheTargetIsNoReasonToScaleIn() {
        for (int i = 0; i < 10; i++) {
            // 55 is above 90% of 60: the low alarm does not fire
            assertThat(sample(3, 55)).isEqualTo(3);
        }
    }

    @Test
    void scaleInWaitsForTheScaleInAndScaleOutCooldowns() {
        sample(1, 100);
        sample(1, 100);
        assertThat(sample(1, 100)).isEqualTo(2);
        // low from now on: five samples take 50 s (past the 30 s scale-out cooldown)
        for (int i = 0; i < 4; i++) {
            assertThat(sample(2, 20)).isEqualTo(2);
        }
        assertThat(sample(2, 20)).as("ceil(2 × 20 / 60) = 1").isEqualTo(1);
        TargetTrackingScaler.Policy wider = new TargetTrackingScaler.Policy(0, 4, 60);
        for (int i = 0; i < 5; i++) {
            now = now.plusSeconds(10);
            assertThat(scaler.next(now, wider, 1, OptionalDouble.of(0))).as("within the 60 s scale-in cooldown")
                    .isEqualTo(1);
        }
        now = now.plusSeconds(10);
        assertThat(scaler.next(now, wider, 1, OptionalDouble.of(0))).as("60 s after the last scale-in").isZero();
    }

    @Test
    void aCountOutsideTheBoundsIsBroughtInsideAtOnceAndNoSampleMeansNoChange() {
        assertThat(scaler.next(now, POLICY, 7, OptionalDouble.empty())).isEqualTo(4);
        assertThat(scaler.next(now, POLICY, 0, OptionalDouble.empty())).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            now = now.plusSeconds(10);
            assertThat(scaler.next(now, POLICY, 2, OptionalDouble.empty())).isEqualTo(2);
        }
    }

    @Test
    void fromZeroTasksTheLoadOfOneIsAssumed() {
        TargetTrackingScaler.Policy fromZero = new TargetTrackingScaler.Policy(0, 4, 60);
        for (int i = 0; i < 2; i++) {
            now = now.plusSeconds(10);
            scaler.next(now, fromZero, 0, OptionalDouble.of(150));
        }
        now = now.plusSeconds(10);
        assertThat(scaler.next(now, fromZero, 0, OptionalDouble.of(150))).isEqualTo(3);
    }
}
