package dev.localecs.plugins.tasks;

import dev.localecs.api.Arn;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.Optional;

/** Cluster and task references as task requests give them (names, ids or ARNs). */
final class TaskRefs {
    private TaskRefs() {
    }

    /** The ACTIVE cluster a request names ({@code default} when absent), or ClusterNotFoundException. */
    static String cluster(PluginContext context, String reference) {
        String name = reference == null || reference.isEmpty() ? ClusterRegistry.DEFAULT_CLUSTER
                : reference.startsWith("arn:") ? Arn.parse(reference).filter(a -> a.resourceType().equals("cluster"))
                        .map(Arn::resourceId).orElse("") : reference;
        return context.clusters().find(name).filter(c -> "ACTIVE".equals(c.status())).map(c -> c.clusterName())
                .orElseThrow(() -> new EcsException(ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found."));
    }

    /** The task id in an id or ARN; empty when the ARN names another cluster or is not a task ARN. */
    static Optional<String> taskId(String cluster, String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (!reference.startsWith("arn:")) {
            return Optional.of(reference);
        }
        return Arn.parse(reference).filter(a -> a.service().equals("ecs") && a.resourceType().equals("task"))
                .map(Arn::resourceId)
                .flatMap(rest -> {
                    int slash = rest.lastIndexOf('/');
                    if (slash < 0) {
                        return Optional.of(rest);
                    }
                    return rest.substring(0, slash).equals(cluster) ? Optional.of(rest.substring(slash + 1))
                            : Optional.empty();
                });
    }
}
