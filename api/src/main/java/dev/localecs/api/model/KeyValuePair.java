package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A key-value pair object.
 *
 * @param name The name of the key-value pair.
 * @param value The value of the key-value pair.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyValuePair(
        String name,
        String value) {
}
