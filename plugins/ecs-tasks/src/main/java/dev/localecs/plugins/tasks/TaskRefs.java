package dev.localecs.plugins.tasks;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskRef;
import dev.localecs.api.error.EcsException;
import java.util.Optional;

/** Cluster and task references as task requests give them (names, ids or ARNs), parsed by the api's refs. */
final class TaskRefs {
    private TaskRefs() {
    }

    /** The ACTIVE cluster a request names ({@code default} when absent), or ClusterNotFoundException. */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().find(ClusterRef.parse(reference).name()).filter(c -> "ACTIVE".equals(c.status()))
                .map(c -> c.clusterName()).orElseThrow(EcsException::clusterNotFound);
    }

    /** The task id in an id or ARN; empty when the ARN names another cluster or is not a task ARN. */
    static Optional<String> taskId(String cluster, String reference) {
        return TaskRef.taskId(cluster, reference);
    }
}
