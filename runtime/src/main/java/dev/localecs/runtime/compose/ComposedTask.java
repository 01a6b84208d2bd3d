package dev.localecs.runtime.compose;

import dev.localecs.api.TaskPlacement;
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
 * @param placement where ECS placement put the task (the engine machine and the rules it was placed by)
 */
public record ComposedTask(String project, Path directory, ComposeProject effective, List<Path> files,
                           List<String> warnings, String endpointId, TaskPlacement placement) {

    /**
     * A task's project not placed on a machine (single-machine engines, Fargate tasks).
     *
     * @param project the compose project name
     * @param directory the folder holding its files
     * @param effective the merged project the engine runs
     * @param files the files written, in merge order, the effective file last
     * @param warnings task-definition fields without local meaning
     * @param endpointId the task's credential/metadata id
     */
    public ComposedTask(String project, Path directory, ComposeProject effective, List<Path> files,
                        List<String> warnings, String endpointId) {
        this(project, directory, effective, files, warnings, endpointId, TaskPlacement.NONE);
    }

    /**
     * This project as placement put its task.
     *
     * @param where the machine and the rules
     * @return the placed project
     */
    public ComposedTask placed(TaskPlacement where) {
        return new ComposedTask(project, directory, effective, files, warnings, endpointId, where);
    }
}
