package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The log configuration for the container.
 *
 * @param logDriver The log driver to use for the container.
 * @param options The configuration options to send to the log driver.
 * @param secretOptions The secrets to pass to the log configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogConfiguration(
        String logDriver,
        Map<String, String> options,
        List<Secret> secretOptions) {
}
