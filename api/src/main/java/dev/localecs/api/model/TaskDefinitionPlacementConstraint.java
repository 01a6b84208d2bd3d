package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The constraint on task placement in the task definition.
 *
 * @param type The type of constraint.
 * @param expression A cluster query language expression to apply to the constraint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDefinitionPlacementConstraint(
        String type,
        String expression) {
}
