package dev.localecs.plugins.clusters;

import dev.localecs.api.LaunchTypes;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.KeyValuePair;
import dev.localecs.api.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's live counters: tasks by launch type and state (from the task service), services by launch
 * type and status (from the service counts). {@code PROVISIONING} and {@code ACTIVATING} tasks count as
 * pending, as in {@code pendingTasksCount}.
 */
final class ClusterStatistics {
    /** Launch types with their counter infix, in the order ECS lists the counters. */
    private static final List<String> LAUNCH_TYPES = LaunchTypes.ALL;
    private static final List<String> INFIXES = List.of("EC2", "Fargate", "External", "ManagedInstances");
    private static final List<String> PENDING = List.of("PROVISIONING", "PENDING", "ACTIVATING");
    private static final List<String> ORDER = List.of(
            "runningEC2TasksCount", "runningFargateTasksCount", "pendingEC2TasksCount", "pendingFargateTasksCount",
            "runningExternalTasksCount", "pendingExternalTasksCount",
            "runningManagedInstancesTasksCount", "pendingManagedInstancesTasksCount",
            "activeEC2ServiceCount", "activeFargateServiceCount", "drainingEC2ServiceCount",
            "drainingFargateServiceCount", "activeExternalServiceCount", "drainingExternalServiceCount",
            "activeManagedInstancesServiceCount", "drainingManagedInstancesServiceCount");

    // per launch type, in LAUNCH_TYPES order
    private final int[] runningTasks;
    private final int[] pendingTasks;
    private final int[] activeServices;
    private final int[] drainingServices;

    private ClusterStatistics(int[] runningTasks, int[] pendingTasks, int[] activeServices, int[] drainingServices) {
        this.runningTasks = runningTasks;
        this.pendingTasks = pendingTasks;
        this.activeServices = activeServices;
        this.drainingServices = drainingServices;
    }

    /** Counts what the cluster has now. */
    static ClusterStatistics of(PluginContext context, String cluster) {
        int size = LAUNCH_TYPES.size();
        int[] running = new int[size];
        int[] pending = new int[size];
        // only tasks not STOPPED are counted: the stopped ones retained are not walked
        for (Task task : context.tasks().holdingResources(cluster)) {
            int type = LAUNCH_TYPES.indexOf(task.launchType() == null ? "EC2" : task.launchType());
            if (type < 0) {
                continue;
            }
            if ("RUNNING".equals(task.lastStatus())) {
                running[type]++;
            } else if (PENDING.contains(task.lastStatus())) {
                pending[type]++;
            }
        }
        int[] active = new int[size];
        int[] draining = new int[size];
        for (int i = 0; i < size; i++) {
            active[i] = context.services().count(cluster, LAUNCH_TYPES.get(i), "ACTIVE");
            draining[i] = context.services().count(cluster, LAUNCH_TYPES.get(i), "DRAINING");
        }
        return new ClusterStatistics(running, pending, active, draining);
    }

    int runningTasksCount() {
        return sum(runningTasks);
    }

    int pendingTasksCount() {
        return sum(pendingTasks);
    }

    int activeServicesCount() {
        return sum(activeServices);
    }

    /**
     * ACTIVE and DRAINING services of every launch type: what keeps a cluster from being deleted (read from the
     * service counts alone, without listing the cluster's tasks).
     */
    static int liveServices(PluginContext context, String cluster) {
        int live = 0;
        for (String launchType : LAUNCH_TYPES) {
            live += context.services().count(cluster, launchType, "ACTIVE")
                    + context.services().count(cluster, launchType, "DRAINING");
        }
        return live;
    }

    /** The {@code statistics} member, in the order ECS lists the counters. */
    List<KeyValuePair> keyValuePairs() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < INFIXES.size(); i++) {
            counts.put("running" + INFIXES.get(i) + "TasksCount", runningTasks[i]);
            counts.put("pending" + INFIXES.get(i) + "TasksCount", pendingTasks[i]);
            counts.put("active" + INFIXES.get(i) + "ServiceCount", activeServices[i]);
            counts.put("draining" + INFIXES.get(i) + "ServiceCount", drainingServices[i]);
        }
        return ORDER.stream().map(name -> new KeyValuePair(name, Integer.toString(counts.get(name)))).toList();
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }
}
