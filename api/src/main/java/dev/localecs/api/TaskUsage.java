package dev.localecs.api;

/**
 * What a task's containers use now, summed over its running containers, in the units of a task definition: the
 * measure ECS's {@code CPUUtilization} and {@code MemoryUtilization} divide by the task's {@code cpu} and
 * {@code memory}.
 *
 * @param cpuUnits CPU in use, in CPU units (1024 per core busy)
 * @param memoryMiB memory in use, in MiB (the page cache the kernel may reclaim left out)
 */
public record TaskUsage(double cpuUnits, double memoryMiB) {

    /**
     * Validates the components.
     *
     * @param cpuUnits the CPU units
     * @param memoryMiB the memory
     */
    public TaskUsage {
        if (cpuUnits < 0 || memoryMiB < 0 || Double.isNaN(cpuUnits) || Double.isNaN(memoryMiB)) {
            throw new IllegalArgumentException("usage must be a non-negative number");
        }
    }
}
