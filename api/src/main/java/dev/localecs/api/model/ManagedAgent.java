package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Details about the managed agent status for the container.
 *
 * @param lastStartedAt The Unix timestamp for the time when the managed agent was last started.
 * @param name The name of the managed agent.
 * @param reason The reason for why the managed agent is in the state it is in.
 * @param lastStatus The last known status of the managed agent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedAgent(
        Instant lastStartedAt,
        String name,
        String reason,
        String lastStatus) {
}
