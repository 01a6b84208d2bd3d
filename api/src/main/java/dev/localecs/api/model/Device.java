package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An object representing a container instance host device.
 *
 * @param hostPath The path for the device on the host container instance.
 * @param containerPath The path inside the container at which to expose the host device.
 * @param permissions The explicit permissions to provide to the container for the device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(
        String hostPath,
        String containerPath,
        List<String> permissions) {
}
