package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The machine a task engine runs containers on, as the container instance shows it.
 *
 * @param engineId a stable id of the engine (Docker's daemon id)
 * @param cpus the processors the engine sees
 * @param memoryMib the memory the engine sees, in MiB
 * @param engineVersion the engine's version ({@code versionInfo.dockerVersion})
 * @param apiVersion the newest Docker remote API version the engine speaks
 * @param osType the OS type ({@code linux})
 * @param architecture the CPU architecture as ECS names it ({@code x86_64}, {@code arm64})
 * @param logDrivers the log drivers the engine has
 */
public record EngineHost(String engineId, int cpus, long memoryMib, String engineVersion, String apiVersion,
                         String osType, String architecture, List<String> logDrivers) {

    /**
     * Validates the components.
     *
     * @param engineId the id
     * @param cpus the processors
     * @param memoryMib the memory
     * @param engineVersion the version
     * @param apiVersion the API version
     * @param osType the OS type
     * @param architecture the architecture
     * @param logDrivers the log drivers
     */
    public EngineHost {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(engineVersion, "engineVersion is null");
        requireNonNull(apiVersion, "apiVersion is null");
        requireNonNull(osType, "osType is null");
        requireNonNull(architecture, "architecture is null");
        logDrivers = List.copyOf(logDrivers);
    }

    /**
     * ECS's name for an architecture as engines report it ({@code aarch64} → {@code arm64}).
     *
     * @param reported the engine's or the JVM's name
     * @return ECS's name
     */
    public static String ecsArchitecture(String reported) {
        return switch (reported) {
            case "aarch64", "arm64" -> "arm64";
            case "amd64", "x86_64" -> "x86_64";
            default -> reported;
        };
    }
}
