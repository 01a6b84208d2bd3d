package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * This parameter is specified when you're using Docker volumes.
 *
 * @param scope The scope for the Docker volume that determines its lifecycle.
 * @param autoprovision If this value is true, the Docker volume is created if it doesn't already exist.
 * @param driver The Docker volume driver to use.
 * @param driverOpts A map of Docker driver-specific options passed through.
 * @param labels Custom metadata to add to your Docker volume.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DockerVolumeConfiguration(
        String scope,
        Boolean autoprovision,
        String driver,
        Map<String, String> driverOpts,
        Map<String, String> labels) {
}
