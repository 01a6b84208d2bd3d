package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The FireLens configuration for the container.
 *
 * @param type The log router to use.
 * @param options The options to use when configuring the log router.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FirelensConfiguration(
        String type,
        Map<String, String> options) {
}
