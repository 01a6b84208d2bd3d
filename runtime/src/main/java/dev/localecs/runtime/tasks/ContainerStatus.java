package dev.localecs.runtime.tasks;

/** A container's {@code lastStatus}, as ECS names it. */
public enum ContainerStatus {
    /** not started yet */
    PENDING,
    /** started */
    RUNNING,
    /** exited, or never ran */
    STOPPED
}
