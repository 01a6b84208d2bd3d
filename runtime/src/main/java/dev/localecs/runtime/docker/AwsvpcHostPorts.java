package dev.localecs.runtime.docker;

/**
 * Whether an awsvpc task's container ports are also published on the host ({@code tasks.awsvpc-host-ports}:
 * {@code if-free}, {@code never}, {@code always}, read with the other typed settings). On ECS an awsvpc task is
 * reached at its own network interface; publishing is a local convenience.
 */
public enum AwsvpcHostPorts {
    /** The first task claiming a host port gets it published; later ones are reached at their ENI address. */
    IF_FREE,
    /** Nothing is published: every awsvpc task is reached at its ENI address. */
    NEVER,
    /** Every port is published; a second task with a taken port fails to start (the behaviour before if-free). */
    ALWAYS
}
