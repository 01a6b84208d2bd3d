package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A regional grouping of one or more container instances where you can run task requests.
 *
 * @param clusterArn The Amazon Resource Name (ARN) that identifies the cluster.
 * @param clusterName A user-generated string that you use to identify your cluster.
 * @param configuration The execute command and managed storage configuration for the cluster.
 * @param status The status of the cluster.
 * @param registeredContainerInstancesCount The number of container instances registered into the cluster.
 * @param runningTasksCount The number of tasks in the cluster that are in the RUNNING state.
 * @param pendingTasksCount The number of tasks in the cluster that are in the PENDING state.
 * @param activeServicesCount The number of services that are running on the cluster in an ACTIVE state.
 * @param statistics Additional information about your clusters that are separated by launch type.
 * @param tags The metadata that you apply to the cluster to help you categorize and organize them.
 * @param settings The settings for the cluster.
 * @param capacityProviders The capacity providers associated with the cluster.
 * @param defaultCapacityProviderStrategy The default capacity provider strategy for the cluster.
 * @param attachments The resources attached to a cluster.
 * @param attachmentsStatus The status of the capacity providers associated with the cluster.
 * @param serviceConnectDefaults Use this parameter to set a default Service Connect namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cluster(
        String clusterArn,
        String clusterName,
        ClusterConfiguration configuration,
        String status,
        Integer registeredContainerInstancesCount,
        Integer runningTasksCount,
        Integer pendingTasksCount,
        Integer activeServicesCount,
        List<KeyValuePair> statistics,
        List<Tag> tags,
        List<ClusterSetting> settings,
        List<String> capacityProviders,
        List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
        List<Attachment> attachments,
        String attachmentsStatus,
        ClusterServiceConnectDefaults serviceConnectDefaults) {
}
