package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The metadata that you apply to a resource to help you categorize and organize them.
 *
 * @param key One part of a key-value pair that make up a tag.
 * @param value The optional part of a key-value pair that make up a tag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tag(
        String key,
        String value) {
}
