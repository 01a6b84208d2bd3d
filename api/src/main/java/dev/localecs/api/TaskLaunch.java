package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.Optional;

/**
 * What a compose override provider knows about the task being launched.
 *
 * @param project the compose project name of the task
 * @param taskId the task id (32 hex characters)
 * @param cluster the cluster name
 * @param taskDefinition the resolved task definition
 * @param overrides the RunTask {@code overrides}, checked against the definition
 * @param taskFile the task definition converted to compose, before any override
 * @param endpointId the task's unguessable id in credential and metadata URIs
 *                   ({@code /v2/credentials/<endpointId>}, {@code /v4/<endpointId>.<container>})
 * @param group the task's {@code group} ({@code service:<name>} for a service's tasks), when it has one
 */
public record TaskLaunch(String project, String taskId, String cluster, TaskDefinition taskDefinition,
                         Optional<TaskOverride> overrides, ComposeProject taskFile, String endpointId,
                         Optional<String> group) {

    /**
     * Validates the components.
     *
     * @param project the project
     * @param taskId the task id
     * @param cluster the cluster
     * @param taskDefinition the task definition
     * @param overrides the overrides
     * @param taskFile the converted task file
     * @param endpointId the credential/metadata id
     * @param group the task's group
     */
    public TaskLaunch {
        requireNonNull(project, "project is null");
        requireNonNull(taskId, "taskId is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(taskDefinition, "taskDefinition is null");
        requireNonNull(overrides, "overrides is null");
        requireNonNull(taskFile, "taskFile is null");
        requireNonNull(endpointId, "endpointId is null");
        requireNonNull(group, "group is null");
    }

    /**
     * A launch of a task without a group.
     *
     * @param project the project
     * @param taskId the task id
     * @param cluster the cluster
     * @param taskDefinition the task definition
     * @param overrides the overrides
     * @param taskFile the converted task file
     * @param endpointId the credential/metadata id
     */
    public TaskLaunch(String project, String taskId, String cluster, TaskDefinition taskDefinition,
                      Optional<TaskOverride> overrides, ComposeProject taskFile, String endpointId) {
        this(project, taskId, cluster, taskDefinition, overrides, taskFile, endpointId, Optional.empty());
    }
}
