package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The container path, mount options, and size of the tmpfs mount.
 *
 * @param containerPath The absolute file path where the tmpfs volume is to be mounted.
 * @param size The maximum size (in MiB) of the tmpfs volume.
 * @param mountOptions The list of tmpfs volume mount options.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tmpfs(
        String containerPath,
        Integer size,
        List<String> mountOptions) {
}
