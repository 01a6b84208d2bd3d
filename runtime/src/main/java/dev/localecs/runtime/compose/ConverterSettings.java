package dev.localecs.runtime.compose;

import dev.localecs.api.ConfigView;
import java.util.Optional;

/**
 * What the converter takes from configuration.
 *
 * @param pauseImage image of the per-task pause container ({@code tasks.pause-image})
 * @param efsHostDir host folder standing in for EFS file systems ({@code volumes.efs-host-dir}); empty: a
 *                   named local volume per file system
 */
public record ConverterSettings(String pauseImage, Optional<String> efsHostDir) {
    /** The default pause image: the standard multi-arch one. */
    public static final String DEFAULT_PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

    /**
     * Reads the settings.
     *
     * @param config the configuration
     * @return the settings
     */
    public static ConverterSettings from(ConfigView config) {
        return new ConverterSettings(config.get("tasks.pause-image", DEFAULT_PAUSE_IMAGE),
                config.get("volumes.efs-host-dir"));
    }
}
