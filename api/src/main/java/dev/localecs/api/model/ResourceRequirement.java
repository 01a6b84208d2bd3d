package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The type and amount of a resource to assign to a container.
 *
 * @param value The value for the specified resource type.
 * @param type The type of resource to assign to a container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRequirement(
        String value,
        String type) {
}
