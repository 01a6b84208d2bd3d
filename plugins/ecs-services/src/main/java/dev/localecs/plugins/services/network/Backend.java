package dev.localecs.plugins.services.network;

import static java.util.Objects.requireNonNull;

/**
 * One place a proxy sends connections to: a task's address and port as the runtime's host reaches it.
 *
 * @param taskArn the task
 * @param host its address (an awsvpc task's ENI address, or the host address a bridge task's port is published on)
 * @param port the port there
 */
public record Backend(String taskArn, String host, int port) {
    /**
     * Validates the components.
     *
     * @param taskArn the task
     * @param host the address
     * @param port the port
     */
    public Backend {
        requireNonNull(taskArn, "taskArn is null");
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }
}
