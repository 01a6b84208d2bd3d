package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The amount of ephemeral storage to allocate for the task.
 *
 * @param sizeInGiB The total amount, in GiB, of ephemeral storage to set for the task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EphemeralStorage(
        Integer sizeInGiB) {
}
