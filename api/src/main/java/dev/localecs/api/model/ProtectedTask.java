package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An object representing the protection status details for a task.
 *
 * @param taskArn The task ARN.
 * @param protectionEnabled The protection status of the task.
 * @param expirationDate The epoch time when protection for the task will expire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProtectedTask(
        String taskArn,
        Boolean protectionEnabled,
        Instant expirationDate) {
}
