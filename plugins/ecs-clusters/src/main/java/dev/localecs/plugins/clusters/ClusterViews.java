package dev.localecs.plugins.clusters;

import dev.localecs.api.PluginContext;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterConfiguration;
import dev.localecs.api.model.ClusterServiceConnectDefaults;
import dev.localecs.api.model.ClusterSetting;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Builds clusters as ECS stores them and as each answer shows them. The include-only members
 * ({@code attachments}, {@code configuration}, {@code settings}, {@code statistics}, {@code tags}) are left
 * out unless included; the counters are always live.
 */
final class ClusterViews {
    static final List<String> INCLUDES = List.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS");
    /** What CreateCluster, UpdateCluster, … answer with: the cluster as stored, its tags and settings. */
    static final List<String> MUTATION = List.of("CONFIGURATIONS", "SETTINGS", "TAGS");

    private ClusterViews() {
    }

    static Cluster stored(PluginContext context, String name, CreateClusterAction.Request request,
                          List<String> providers, List<CapacityProviderStrategyItem> strategy) {
        // a new cluster's containerInsights is the account's setting (PutAccountSetting[Default]) unless given
        List<ClusterSetting> defaults = List.of(new ClusterSetting("containerInsights", context.accountSettings()
                .effective(context.arns().accountRoot(), context.arns().accountRoot(), "containerInsights")));
        List<ClusterSetting> settings = request.settings() == null || request.settings().isEmpty()
                ? defaults : ClusterSettings.merge(defaults, request.settings());
        return new Cluster(context.arns().cluster(name), name, request.configuration(), "ACTIVE", 0, 0, 0, 0,
                null, null, settings, providers, strategy, List.of(), null,
                serviceConnectDefaults(request.serviceConnectDefaults()));
    }

    /** The cluster as an answer shows it, with what {@code include} asks for. */
    static Cluster view(PluginContext context, Cluster c, Collection<String> include) {
        ClusterStatistics statistics = ClusterStatistics.of(context, c.clusterName());
        return new Cluster(c.clusterArn(), c.clusterName(),
                include.contains("CONFIGURATIONS") ? c.configuration() : null, c.status(),
                "ACTIVE".equals(c.status()) ? context.containerInstances().list(c.clusterName(), Optional.empty(),
                        Optional.empty()).size() : 0,
                statistics.runningTasksCount(), statistics.pendingTasksCount(), statistics.activeServicesCount(), include.contains("STATISTICS") ? statistics.keyValuePairs() : null,
                include.contains("TAGS") ? context.tags().tags(c.clusterArn()) : null,
                include.contains("SETTINGS") ? orEmpty(c.settings()) : null, orEmpty(c.capacityProviders()),
                orEmpty(c.defaultCapacityProviderStrategy()),
                include.contains("ATTACHMENTS") ? orEmpty(c.attachments()) : null, c.attachmentsStatus(),
                c.serviceConnectDefaults());
    }

    static Cluster withStatus(Cluster c, String status) {
        return new Cluster(c.clusterArn(), c.clusterName(), c.configuration(), status,
                c.registeredContainerInstancesCount(), c.runningTasksCount(), c.pendingTasksCount(),
                c.activeServicesCount(), c.statistics(), c.tags(), c.settings(), c.capacityProviders(),
                c.defaultCapacityProviderStrategy(), c.attachments(), c.attachmentsStatus(),
                c.serviceConnectDefaults());
    }

    /** The cluster with changed settings, configuration and Service Connect defaults (each kept when null). */
    static Cluster updated(Cluster c, List<ClusterSetting> settings, ClusterConfiguration configuration,
                           ClusterServiceConnectDefaults serviceConnectDefaults) {
        return new Cluster(c.clusterArn(), c.clusterName(), configuration != null ? configuration : c.configuration(),
                c.status(), c.registeredContainerInstancesCount(), c.runningTasksCount(), c.pendingTasksCount(),
                c.activeServicesCount(), c.statistics(), c.tags(),
                settings != null ? ClusterSettings.merge(c.settings(), settings) : c.settings(),
                c.capacityProviders(), c.defaultCapacityProviderStrategy(), c.attachments(), c.attachmentsStatus(),
                serviceConnectDefaults != null ? serviceConnectDefaults(serviceConnectDefaults)
                        : c.serviceConnectDefaults());
    }

    /** The cluster with new capacity providers and default strategy; the update completes at once here. */
    static Cluster withCapacityProviders(Cluster c, List<String> providers,
                                         List<CapacityProviderStrategyItem> strategy) {
        return new Cluster(c.clusterArn(), c.clusterName(), c.configuration(), c.status(),
                c.registeredContainerInstancesCount(), c.runningTasksCount(), c.pendingTasksCount(),
                c.activeServicesCount(), c.statistics(), c.tags(), c.settings(), providers, strategy,
                c.attachments(), "UPDATE_COMPLETE", c.serviceConnectDefaults());
    }

    /** An empty namespace removes the defaults, as UpdateCluster documents. */
    private static ClusterServiceConnectDefaults serviceConnectDefaults(ClusterServiceConnectDefaults given) {
        return given == null || given.namespace() == null || given.namespace().isEmpty() ? null : given;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
