package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a container gets at launch beyond its compose file, resolved with the task's execution role and kept in
 * memory only (never written to the project's files).
 *
 * @param environment environment variables from secrets and environment files
 * @param logOptions options for the container's log driver from {@code logConfiguration.secretOptions}, for a driver
 *     the engine runs itself (empty when the runtime delivers the output, as for {@code awslogs})
 */
public record LaunchValues(Map<String, String> environment, Map<String, String> logOptions) {

    /** Nothing beyond the compose file. */
    public static final LaunchValues NONE = new LaunchValues(Map.of(), Map.of());

    /**
     * Copies the maps.
     *
     * @param environment the environment
     * @param logOptions the log options
     */
    public LaunchValues {
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        logOptions = Map.copyOf(requireNonNull(logOptions, "logOptions is null"));
    }
}
