package dev.localecs.plugins.services.network;

import dev.localecs.api.model.Attachment;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.KeyValuePair;
import dev.localecs.api.model.NetworkBinding;
import dev.localecs.api.model.PortMapping;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import java.util.Optional;

/**
 * Where a task's container port is reached from the runtime's host, and which tasks serve. An awsvpc task is
 * reached at its ENI address (on the task network, which the host is on) and the container port; a bridge task
 * at the host port its container port is published on, on the published address (127.0.0.1 when published on
 * all addresses).
 */
public final class TaskPorts {

    /** A named port of a task definition. */
    public record NamedPort(String containerName, int containerPort) {
    }

    private TaskPorts() {
    }

    /**
     * Whether a task takes connections: RUNNING, meant to keep running, and not UNHEALTHY.
     *
     * @param task the task
     * @return whether it serves
     */
    public static boolean serving(Task task) {
        return "RUNNING".equals(task.lastStatus()) && "RUNNING".equals(task.desiredStatus())
                && !"UNHEALTHY".equals(task.healthStatus());
    }

    /**
     * The awsvpc task's address.
     *
     * @param task the task
     * @return its ENI's private address, empty for other network modes
     */
    public static Optional<String> eniAddress(Task task) {
        if (task.attachments() == null) {
            return Optional.empty();
        }
        for (Attachment attachment : task.attachments()) {
            if (attachment.details() == null) {
                continue;
            }
            for (KeyValuePair detail : attachment.details()) {
                if ("privateIPv4Address".equals(detail.name()) && detail.value() != null) {
                    return Optional.of(detail.value());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where the runtime's host reaches a container port of a task.
     *
     * @param task the task
     * @param containerName the container
     * @param containerPort its port
     * @return the backend, empty when the port is not reachable (not published, no address yet)
     */
    public static Optional<Backend> backend(Task task, String containerName, int containerPort) {
        Optional<String> eni = eniAddress(task);
        if (eni.isPresent()) {
            return Optional.of(new Backend(task.taskArn(), eni.get(), containerPort));
        }
        return hostBinding(task, containerName, containerPort)
                .map(binding -> new Backend(task.taskArn(), hostAddress(binding.bindIP()), binding.hostPort()));
    }

    /**
     * The host port a bridge task's container port is published on.
     *
     * @param task the task
     * @param containerName the container
     * @param containerPort its port
     * @return the binding, when published
     */
    public static Optional<NetworkBinding> hostBinding(Task task, String containerName, int containerPort) {
        if (task.containers() == null) {
            return Optional.empty();
        }
        for (Container container : task.containers()) {
            if (!container.name().equals(containerName) || container.networkBindings() == null) {
                continue;
            }
            for (NetworkBinding binding : container.networkBindings()) {
                if (binding.containerPort() != null && binding.containerPort() == containerPort
                        && binding.hostPort() != null && binding.hostPort() > 0
                        && !"udp".equalsIgnoreCase(binding.protocol())) {
                    return Optional.of(binding);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The container and port a {@code portMappings[].name} names.
     *
     * @param definition the task definition
     * @param portName the name
     * @return the port, empty when no port mapping has that name
     */
    public static Optional<NamedPort> named(TaskDefinition definition, String portName) {
        if (definition.containerDefinitions() == null) {
            return Optional.empty();
        }
        for (ContainerDefinition container : definition.containerDefinitions()) {
            if (container.portMappings() == null) {
                continue;
            }
            for (PortMapping mapping : container.portMappings()) {
                if (portName.equals(mapping.name()) && mapping.containerPort() != null) {
                    return Optional.of(new NamedPort(container.name(), mapping.containerPort()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first container port of a container ({@code containerName} without {@code containerPort} in a load
     * balancer or registry).
     *
     * @param definition the task definition
     * @param containerName the container, or empty for the first container with a port
     * @return the port
     */
    public static Optional<NamedPort> firstPort(TaskDefinition definition, Optional<String> containerName) {
        if (definition.containerDefinitions() == null) {
            return Optional.empty();
        }
        for (ContainerDefinition container : definition.containerDefinitions()) {
            if (containerName.isPresent() && !containerName.get().equals(container.name())
                    || container.portMappings() == null) {
                continue;
            }
            for (PortMapping mapping : container.portMappings()) {
                if (mapping.containerPort() != null) {
                    return Optional.of(new NamedPort(container.name(), mapping.containerPort()));
                }
            }
        }
        return Optional.empty();
    }

    private static String hostAddress(String bindIp) {
        return bindIp == null || bindIp.isBlank() || "0.0.0.0".equals(bindIp) || "::".equals(bindIp)
                ? "127.0.0.1" : bindIp;
    }
}
