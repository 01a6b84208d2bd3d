package dev.localecs.plugins.clusters;

import dev.localecs.api.PluginContext;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterSetting;
import java.util.Collection;
import java.util.List;

/** Builds clusters as ECS stores them and as each describe {@code include} shows them. */
final class ClusterViews {
    static final List<String> INCLUDES = List.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS");

    private ClusterViews() {
    }

    static Cluster stored(PluginContext context, String name, CreateClusterAction.Request request) {
        List<ClusterSetting> settings = request.settings() == null || request.settings().isEmpty()
                ? List.of(new ClusterSetting("containerInsights", "disabled")) : request.settings();
        return new Cluster(context.arns().cluster(name), name, request.configuration(), "ACTIVE", 0, 0, 0, 0,
                List.of(), null, settings, orEmpty(request.capacityProviders()),
                orEmpty(request.defaultCapacityProviderStrategy()), List.of(), null, null);
    }

    /** The cluster as an answer shows it: settings, statistics, tags and configuration only when included. */
    static Cluster view(PluginContext context, Cluster c, Collection<String> include) {
        return new Cluster(c.clusterArn(), c.clusterName(),
                include.contains("CONFIGURATIONS") ? c.configuration() : null, c.status(),
                c.registeredContainerInstancesCount(), context.tasks().count(c.clusterName(), "RUNNING"),
                context.tasks().count(c.clusterName(), "PENDING") + context.tasks().count(c.clusterName(), "PROVISIONING"),
                c.activeServicesCount(), include.contains("STATISTICS") ? orEmpty(c.statistics()) : List.of(),
                include.contains("TAGS") ? context.tags().tags(c.clusterArn()) : List.of(),
                include.contains("SETTINGS") ? c.settings() : null, orEmpty(c.capacityProviders()),
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

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
