package dev.localecs.runtime.tasks;

import dev.localecs.api.TaskUsage;
import java.util.List;
import java.util.Map;

/**
 * A task's usage from its containers' Docker stats documents (one sample each, with Docker's own
 * {@code precpu_stats} from a moment before): CPU is the share of the host's CPU time the container took between
 * the two samples, times the online CPUs, times 1024 units per CPU; memory is {@code memory_stats.usage} less
 * the reclaimable page cache ({@code inactive_file} on cgroup v2, {@code total_inactive_file} or {@code cache} on
 * v1), as {@code docker stats} shows it.
 */
final class StatsUsage {
    private static final double MIB = 1024.0 * 1024.0;

    private StatsUsage() {
    }

    static TaskUsage of(List<Map<String, Object>> documents) {
        double cpu = 0;
        double memory = 0;
        for (Map<String, Object> stats : documents) {
            cpu += cpuUnits(stats);
            memory += memoryMiB(stats);
        }
        return new TaskUsage(cpu, memory);
    }

    static double cpuUnits(Map<String, Object> stats) {
        Map<?, ?> now = map(stats.get("cpu_stats"));
        Map<?, ?> before = map(stats.get("precpu_stats"));
        double container = number(map(now.get("cpu_usage")).get("total_usage"))
                - number(map(before.get("cpu_usage")).get("total_usage"));
        double system = number(now.get("system_cpu_usage")) - number(before.get("system_cpu_usage"));
        double cpus = number(now.get("online_cpus"));
        if (cpus <= 0) {
            Object perCpu = map(now.get("cpu_usage")).get("percpu_usage");
            cpus = perCpu instanceof List<?> list && !list.isEmpty() ? list.size() : 1;
        }
        if (container <= 0 || system <= 0) {
            return 0;
        }
        return container / system * cpus * 1024.0;
    }

    static double memoryMiB(Map<String, Object> stats) {
        Map<?, ?> memory = map(stats.get("memory_stats"));
        Map<?, ?> detail = map(memory.get("stats"));
        double cache = detail.containsKey("inactive_file") ? number(detail.get("inactive_file"))
                : detail.containsKey("total_inactive_file") ? number(detail.get("total_inactive_file"))
                : number(detail.get("cache"));
        return Math.max(0, number(memory.get("usage")) - cache) / MIB;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
