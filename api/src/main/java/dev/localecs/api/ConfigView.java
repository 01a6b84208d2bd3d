package dev.localecs.api;

import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the runtime's configuration (keys are lower-case-dash, dot-separated, as in
 * {@code config/application.yaml}; environment variables override them).
 */
public interface ConfigView {

    /**
     * The value of a key.
     *
     * @param key e.g. {@code compose.dest}
     * @return the value, or empty when the key is not set or is blank
     */
    Optional<String> get(String key);

    /**
     * The value of a key, or a default.
     *
     * @param key the key
     * @param defaultValue returned when the key is not set
     * @return the value
     */
    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /**
     * An integer value, or a default.
     *
     * @param key the key
     * @param defaultValue returned when the key is not set
     * @return the value
     * @throws dev.localecs.api.error.ConfigurationException when the value is not an integer
     */
    int getInt(String key, int defaultValue);

    /**
     * A boolean value, or a default.
     *
     * @param key the key
     * @param defaultValue returned when the key is not set
     * @return the value
     */
    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    /**
     * A list value: a YAML sequence or a comma-separated string (as environment variables give it).
     *
     * @param key the key
     * @return the values, empty when unset
     */
    List<String> list(String key);
}
