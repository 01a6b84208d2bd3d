package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.List;
import java.util.Optional;

/**
 * One task to launch, already validated by the RunTask action.
 *
 * @param taskDefinition the resolved task definition
 * @param cluster the cluster name
 * @param overrides the RunTask {@code overrides}, checked against the definition ({@link TaskOverrides})
 * @param startedBy the {@code startedBy} tag
 * @param group the task group ({@code family:<family>} by default)
 * @param launchType {@code EC2}, {@code FARGATE}, {@code EXTERNAL}, …
 * @param capacityProviderName the capacity provider, when a strategy chose one
 * @param platformVersion the Fargate platform version
 * @param subnetId the first subnet of the awsvpc configuration, for the ENI attachment
 * @param enableExecuteCommand whether ECS Exec is enabled
 * @param tags the task's tags (propagated ones included)
 * @param placement where placement put it ({@link TaskPlacement#NONE} until placed, and for Fargate)
 */
public record RunTaskSpec(TaskDefinition taskDefinition, String cluster, Optional<TaskOverride> overrides,
                          Optional<String> startedBy,
                          String group, String launchType, Optional<String> capacityProviderName,
                          Optional<String> platformVersion, Optional<String> subnetId, boolean enableExecuteCommand,
                          List<Tag> tags, TaskPlacement placement) {

    /**
     * Validates the components.
     *
     * @param taskDefinition the definition
     * @param cluster the cluster
     * @param overrides the overrides
     * @param startedBy who started it
     * @param group the group
     * @param launchType the launch type
     * @param capacityProviderName the capacity provider
     * @param platformVersion the platform version
     * @param subnetId the subnet
     * @param enableExecuteCommand ECS Exec
     * @param tags the tags
     * @param placement the placement (null, as in task files written before it existed: none)
     */
    public RunTaskSpec {
        requireNonNull(taskDefinition, "taskDefinition is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(overrides, "overrides is null");
        requireNonNull(startedBy, "startedBy is null");
        requireNonNull(group, "group is null");
        requireNonNull(launchType, "launchType is null");
        requireNonNull(capacityProviderName, "capacityProviderName is null");
        requireNonNull(platformVersion, "platformVersion is null");
        requireNonNull(subnetId, "subnetId is null");
        tags = List.copyOf(tags);
        placement = placement == null ? TaskPlacement.NONE : placement;
    }

    /**
     * A task not placed yet.
     *
     * @param taskDefinition the definition
     * @param cluster the cluster
     * @param overrides the overrides
     * @param startedBy who started it
     * @param group the group
     * @param launchType the launch type
     * @param capacityProviderName the capacity provider
     * @param platformVersion the platform version
     * @param subnetId the subnet
     * @param enableExecuteCommand ECS Exec
     * @param tags the tags
     */
    public RunTaskSpec(TaskDefinition taskDefinition, String cluster, Optional<TaskOverride> overrides,
                       Optional<String> startedBy, String group, String launchType,
                       Optional<String> capacityProviderName, Optional<String> platformVersion,
                       Optional<String> subnetId, boolean enableExecuteCommand, List<Tag> tags) {
        this(taskDefinition, cluster, overrides, startedBy, group, launchType, capacityProviderName, platformVersion,
                subnetId, enableExecuteCommand, tags, TaskPlacement.NONE);
    }

    /**
     * This task with the capacity provider of the instance it is started on (StartTask's).
     *
     * @param provider the instance's capacity provider
     * @return the spec with it
     */
    public RunTaskSpec withCapacityProvider(Optional<String> provider) {
        return new RunTaskSpec(taskDefinition, cluster, overrides, startedBy, group, launchType, provider,
                platformVersion, subnetId, enableExecuteCommand, tags, placement);
    }

    /**
     * This task as placement put it.
     *
     * @param where the machine and the rules
     * @return the placed spec
     */
    public RunTaskSpec placed(TaskPlacement where) {
        return new RunTaskSpec(taskDefinition, cluster, overrides, startedBy, group, launchType, capacityProviderName,
                platformVersion, subnetId, enableExecuteCommand, tags, where);
    }
}
