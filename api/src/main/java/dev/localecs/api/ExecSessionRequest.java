package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What an {@code ExecuteCommand} session runs, and where its client reaches the runtime.
 *
 * @param cluster the cluster name
 * @param taskId the 32-hex-character task id
 * @param container the ECS container name
 * @param command the command line as ECS takes it (split into arguments as a shell would, without a shell)
 * @param host the {@code Host} the client called ({@code host:port}); empty for the runtime's own address
 */
public record ExecSessionRequest(String cluster, String taskId, String container, String command,
                                 Optional<String> host) {

    /**
     * Validates the components.
     *
     * @param cluster the cluster
     * @param taskId the task id
     * @param container the container
     * @param command the command
     * @param host the host
     */
    public ExecSessionRequest {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(taskId, "taskId is null");
        requireNonNull(container, "container is null");
        requireNonNull(command, "command is null");
        requireNonNull(host, "host is null");
    }
}
