package dev.localecs.plugins.services.network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health of one front door's targets as an Application Load Balancer keeps it, with no clock or I/O of its
 * own (the caller says when, and what each check answered): a target starts {@link State#INITIAL}, becomes
 * {@link State#HEALTHY} on its first passing check, {@link State#UNHEALTHY} after {@code unhealthyThreshold}
 * failing checks in a row, and HEALTHY again after {@code healthyThreshold} passing ones. {@link #routable}
 * says where traffic goes: the HEALTHY targets; when none is, all of them (ELB's fail-open).
 */
public final class TargetHealth {
    /** A target's health, as ELBv2 names its states. */
    public enum State {
        /** Registered, no check passed yet. */
        INITIAL,
        /** Passing its checks. */
        HEALTHY,
        /** Failed {@code unhealthyThreshold} checks in a row. */
        UNHEALTHY
    }

    /**
     * What one check found.
     *
     * @param passed whether the target answered a status the matcher accepts in time
     * @param reason why it failed, in ELB's words ({@code Health checks failed with these codes: [500]})
     */
    public record Check(boolean passed, String reason) {
        /** A passing check. */
        public static final Check PASSED = new Check(true, "");
    }

    private static final class Target {
        private State state = State.INITIAL;
        private int passes;
        private int failures;
        private String reason = "";
        private Instant next = Instant.MIN;
        private boolean checking;
    }

    private final HealthCheckSettings settings;
    private final Map<String, Target> targets = new HashMap<>();

    /**
     * Creates an empty book.
     *
     * @param settings the check settings
     */
    public TargetHealth(HealthCheckSettings settings) {
        this.settings = settings;
    }

    /**
     * The targets due for a check now (each once until its result is {@link #record recorded}); targets no longer
     * among {@code backends} are forgotten.
     *
     * @param backends the targets now
     * @param now the time
     * @return the targets to check
     */
    public synchronized List<Backend> due(Collection<Backend> backends, Instant now) {
        Set<String> current = new HashSet<>();
        List<Backend> due = new ArrayList<>();
        for (Backend backend : backends) {
            current.add(backend.taskArn());
            Target target = targets.computeIfAbsent(backend.taskArn(), k -> new Target());
            if (!target.checking && !now.isBefore(target.next)) {
                target.checking = true;
                due.add(backend);
            }
        }
        targets.keySet().retainAll(current);
        return due;
    }

    /**
     * Records a check's result; the target's next check is one interval later.
     *
     * @param taskArn the target's task
     * @param check what it found
     * @param now when it ended
     */
    public synchronized void record(String taskArn, Check check, Instant now) {
        Target target = targets.get(taskArn);
        if (target == null) {
            return;
        }
        target.checking = false;
        target.next = now.plus(settings.interval());
        if (check.passed()) {
            target.failures = 0;
            target.passes++;
            if (target.state == State.INITIAL || target.state == State.UNHEALTHY
                    && target.passes >= settings.healthyThreshold()) {
                target.state = State.HEALTHY;
                target.reason = "";
            }
        } else {
            target.passes = 0;
            target.failures++;
            target.reason = check.reason();
            if (target.failures >= settings.unhealthyThreshold()) {
                target.state = State.UNHEALTHY;
            }
        }
    }

    /**
     * A target's state.
     *
     * @param taskArn the target's task
     * @return its state; INITIAL when not known
     */
    public synchronized State state(String taskArn) {
        Target target = targets.get(taskArn);
        return target == null ? State.INITIAL : target.state;
    }

    /**
     * Why a target is UNHEALTHY.
     *
     * @param taskArn the target's task
     * @return the last failing check's reason, when the target is UNHEALTHY
     */
    public synchronized Optional<String> failure(String taskArn) {
        Target target = targets.get(taskArn);
        return target == null || target.state != State.UNHEALTHY ? Optional.empty() : Optional.of(target.reason);
    }

    /**
     * The targets traffic goes to: the HEALTHY ones, in their order; all of them when none is HEALTHY.
     *
     * @param backends the targets now, in the balancer's order
     * @return the ones to use
     */
    public synchronized List<Backend> routable(List<Backend> backends) {
        List<Backend> healthy = backends.stream().filter(b -> state(b.taskArn()) == State.HEALTHY).toList();
        return healthy.isEmpty() ? backends : healthy;
    }
}
