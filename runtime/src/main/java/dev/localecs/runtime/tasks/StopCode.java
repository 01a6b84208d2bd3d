package dev.localecs.runtime.tasks;

import java.util.Arrays;

/** Why a task stopped ({@code stopCode}), with ECS's wire values. */
public enum StopCode {
    /** a container could not be pulled, created or started, or a dependency failed */
    TASK_FAILED_TO_START("TaskFailedToStart"),
    /** an essential container exited */
    ESSENTIAL_CONTAINER_EXITED("EssentialContainerExited"),
    /** StopTask */
    USER_INITIATED("UserInitiated"),
    /** a service scheduler stopped it */
    SERVICE_SCHEDULER_INITIATED("ServiceSchedulerInitiated"),
    /** Fargate Spot interruption */
    SPOT_INTERRUPTION("SpotInterruption"),
    /** Fargate maintenance */
    TERMINATION_NOTICE("TerminationNotice");

    private final String wire;

    StopCode(String wire) {
        this.wire = wire;
    }

    /**
     * The value DescribeTasks shows.
     *
     * @return e.g. {@code EssentialContainerExited}
     */
    public String wire() {
        return wire;
    }

    /**
     * Reads a wire value.
     *
     * @param wire the value, possibly null
     * @return the code, or null for null
     * @throws IllegalArgumentException for an unknown value
     */
    public static StopCode of(String wire) {
        if (wire == null) {
            return null;
        }
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown stop code " + wire));
    }
}
