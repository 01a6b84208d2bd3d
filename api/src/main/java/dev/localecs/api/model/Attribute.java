package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An attribute is a name-value pair that's associated with an Amazon ECS object.
 *
 * @param name The name of the attribute.
 * @param value The value of the attribute.
 * @param targetType The type of the target to attach the attribute with.
 * @param targetId The ID of the target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attribute(
        String name,
        String value,
        String targetType,
        String targetId) {
}
