package dev.localecs.plugins.tasks;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;

/** The cluster a task request names (a name or ARN), through the api's references. */
final class TaskRefs {
    private TaskRefs() {
    }

    /** The ACTIVE cluster a request names ({@code default} when absent), or ClusterNotFoundException. */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().active(ClusterRef.parse(reference).name()).clusterName();
    }
}
