package dev.localecs.api;

import dev.localecs.api.model.ProtectedTask;
import java.time.Clock;
import java.time.Duration;

/**
 * Task scale-in protection (UpdateTaskProtection): which tasks a scheduler must not stop for scale-in or a
 * deployment, until when. Schedulers ask {@link #isProtected(String)} before choosing a task to stop.
 */
public interface TaskProtections {

    /**
     * Sets or clears the protection of a task.
     *
     * @param taskArn the task ARN
     * @param enabled whether protection is on
     * @param expiresIn how long it lasts when on
     * @return the protection as GetTaskProtection shows it
     */
    ProtectedTask update(String taskArn, boolean enabled, Duration expiresIn);

    /**
     * The protection of a task; {@code protectionEnabled false} once expired or never set.
     *
     * @param taskArn the task ARN
     * @return the protection
     */
    ProtectedTask get(String taskArn);

    /**
     * Whether a scheduler must leave a task alone now.
     *
     * @param taskArn the task ARN
     * @return whether it is protected and the protection has not expired
     */
    default boolean isProtected(String taskArn) {
        return Boolean.TRUE.equals(get(taskArn).protectionEnabled());
    }

    /**
     * Protections in memory, expiring by a clock.
     *
     * @param clock the clock
     * @return a new registry
     */
    static TaskProtections inMemory(Clock clock) {
        return new InMemoryTaskProtections(clock);
    }
}
