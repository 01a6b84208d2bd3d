package dev.localecs.api.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A top-level named volume.
 *
 * @param name the engine-side name (defaults to {@code <project>_<key>})
 * @param driver the volume driver
 * @param driverOpts driver options (e.g. {@code type}, {@code o}, {@code device} for a bind-backed volume)
 * @param external whether the volume exists already and is not managed by the project
 * @param labels labels on the volume
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComposeVolume(String name, String driver, @JsonProperty("driver_opts") Map<String, String> driverOpts,
                            Boolean external, Map<String, String> labels) {
}
