package dev.localecs.plugins.instances;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Map;

/**
 * What the agent-facing Submit operations share. The runtime is the agent of its container instance and owns
 * each task's lifecycle from the engine's events, so a submitted state change is checked (cluster, task,
 * container) and acknowledged as ECS acknowledges it, and changes nothing the engine did not report.
 */
final class AgentReports {
    /** The answer of every Submit operation. */
    static final Map<String, String> ACKNOWLEDGED = Map.of("acknowledgment", "ACK");

    private AgentReports() {
    }

    /** The task a report names, in an ACTIVE cluster. */
    static Task task(PluginContext context, String clusterReference, String taskReference) {
        String cluster = context.clusters().active(ClusterRef.parse(clusterReference).name()).clusterName();
        if (taskReference == null || taskReference.isEmpty()) {
            throw EcsException.invalidParameter("task must be specified.");
        }
        String id = taskReference.substring(taskReference.lastIndexOf('/') + 1);
        return context.tasks().find(cluster, id)
                .orElseThrow(() -> EcsException.invalidParameter("The referenced task was not found."));
    }

    /** ECS's task and container statuses an agent reports. */
    static void checkStatus(String status) {
        if (status != null && !List.of("PENDING", "RUNNING", "STOPPED", "MANIFEST_PULLED", "ZOMBIE")
                .contains(status)) {
            throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: PENDING, RUNNING, "
                    + "STOPPED.");
        }
    }
}
