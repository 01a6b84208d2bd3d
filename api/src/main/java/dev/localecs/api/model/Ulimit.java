package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ulimit settings to pass to the container.
 *
 * @param name The type of the ulimit.
 * @param softLimit The soft limit for the ulimit type.
 * @param hardLimit The hard limit for the ulimit type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ulimit(
        String name,
        Integer softLimit,
        Integer hardLimit) {
}
