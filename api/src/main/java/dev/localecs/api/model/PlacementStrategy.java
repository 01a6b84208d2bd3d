package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The task placement strategy for a task or service.
 *
 * @param type The type of placement strategy: {@code random}, {@code spread} or {@code binpack}.
 * @param field The field to apply the placement strategy against.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementStrategy(
        String type,
        String field) {
}
