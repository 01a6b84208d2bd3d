package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An object representing a constraint on task placement.
 *
 * @param type The type of constraint: {@code distinctInstance} or {@code memberOf}.
 * @param expression A cluster query language expression to apply to the constraint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementConstraint(
        String type,
        String expression) {
}
