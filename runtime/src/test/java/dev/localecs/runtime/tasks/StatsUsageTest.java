package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's CPU units and memory from Docker stats documents, as the express scaler measures them. */
class StatsUsageTest {

    private static Map<String, Object> stats(long total, long preTotal, long system, long preSystem, int cpus,
                                             long usage, Map<String, Object> memoryDetail) {
        return Map.of(
                "cpu_stats", Map.of("cpu_usage", Map.of("total_usage", total), "system_cpu_usage", system,
                        "online_cpus", cpus),
                "precpu_stats", Map.of("cpu_usage", Map.of("total_usage", preTotal), "system_cpu_usage", preSystem),
                "memory_stats", Map.of("usage", usage, "stats", memoryDetail));
    }

    @Test
    void halfACoreOfATwoCoreHostIs512UnitsAndPageCacheIsLeftOut() {
        // the container took 1/4 of all host CPU time on 2 CPUs: half a core
        Map<String, Object> document = stats(2_250_000_000L, 2_000_000_000L, 11_000_000_000L, 10_000_000_000L, 2,
                96L * 1024 * 1024, Map.of("inactive_file", 32L * 1024 * 1024));
        assertThat(StatsUsage.cpuUnits(document)).isCloseTo(512.0, within(0.001));
        assertThat(StatsUsage.memoryMiB(document)).isCloseTo(64.0, within(0.001));
    }

    @Test
    void theContainersOfATaskAddUp() {
        Map<String, Object> busy = stats(3_000_000_000L, 2_000_000_000L, 12_000_000_000L, 10_000_000_000L, 1,
                10L * 1024 * 1024, Map.of("cache", 2L * 1024 * 1024));
        Map<String, Object> first = stats(5_000_000_000L, 0, 12_000_000_000L, 0, 1, 6L * 1024 * 1024,
                Map.of("total_inactive_file", 0L));
        var usage = StatsUsage.of(List.of(busy, first));
        // busy: 1e9 of 2e9 on one CPU = 512 units; second: 5e9 of 12e9 since its previous sample, on one CPU
        assertThat(usage.cpuUnits()).isCloseTo(512.0 + 5.0 / 12.0 * 1024.0, within(0.001));
        assertThat(usage.memoryMiB()).isCloseTo(8.0 + 6.0, within(0.001));
        assertThat(StatsUsage.of(List.of(Map.of())).cpuUnits()).as("no numbers, no use").isZero();
    }
}
