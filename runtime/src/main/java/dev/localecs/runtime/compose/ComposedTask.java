package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeProject;
import java.nio.file.Path;
import java.util.List;

/**
 * A task's compose project as written to disk.
 *
 * @param project the compose project name
 * @param directory the folder holding its files
 * @param effective the merged project the engine runs
 * @param files the files written, in merge order, the effective file last
 * @param warnings task-definition fields without local meaning
 * @param endpointId the task's credential/metadata id
 */
public record ComposedTask(String project, Path directory, ComposeProject effective, List<Path> files,
                           List<String> warnings, String endpointId) {
}
