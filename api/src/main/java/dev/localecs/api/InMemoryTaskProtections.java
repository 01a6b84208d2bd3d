package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.model.ProtectedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TaskProtections} in a map; an expired protection reads as off and is dropped when read. */
final class InMemoryTaskProtections implements TaskProtections {
    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    InMemoryTaskProtections(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public ProtectedTask update(String taskArn, boolean enabled, Duration expiresIn) {
        requireNonNull(taskArn, "taskArn is null");
        if (!enabled) {
            until.remove(taskArn);
            return new ProtectedTask(taskArn, false, null);
        }
        Instant expiration = clock.instant().plus(expiresIn);
        until.put(taskArn, expiration);
        return new ProtectedTask(taskArn, true, expiration);
    }

    @Override
    public ProtectedTask get(String taskArn) {
        Instant expiration = until.get(requireNonNull(taskArn, "taskArn is null"));
        if (expiration == null || !expiration.isAfter(clock.instant())) {
            if (expiration != null) {
                until.remove(taskArn, expiration);
            }
            return new ProtectedTask(taskArn, false, null);
        }
        return new ProtectedTask(taskArn, true, expiration);
    }
}
