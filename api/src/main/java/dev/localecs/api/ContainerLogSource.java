package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A container whose output a {@link ContainerLogSink} may deliver: which task and container it is, and the
 * {@code logConfiguration} of its container definition.
 *
 * @param taskArn the task ARN
 * @param cluster the cluster name
 * @param containerName the ECS container name
 * @param containerId the engine's container id (created, not started yet)
 * @param logDriver the definition's {@code logConfiguration.logDriver}, e.g. {@code awslogs}
 * @param options the definition's {@code logConfiguration.options} with its {@code secretOptions} resolved at
 *     launch (a secret option's value in place of its {@code valueFrom})
 * @param executionCredentials the task's execution-role credentials, assumed through the endpoint's credential
 *     strategy as ECS does for log delivery (the endpoint's own identity when the task has no execution role);
 *     each call answers current credentials (cached until shortly before they expire) and throws
 *     {@link dev.localecs.api.error.EcsException} when there are none
 * @param resumed whether the container was already delivered from by an earlier run of the runtime (it kept
 *     running across a restart): its output comes again from the start, and lines the destination already has
 *     should be skipped
 * @param secretOptions the names of the options whose values came from {@code secretOptions}: a sink never
 *     writes those values to its logs or messages
 */
public record ContainerLogSource(String taskArn, String cluster, String containerName, String containerId,
                                 String logDriver, Map<String, String> options,
                                 Supplier<AwsCredentials> executionCredentials, boolean resumed,
                                 Set<String> secretOptions) {

    /**
     * Checks the parts and copies the options.
     *
     * @param taskArn the task ARN
     * @param cluster the cluster name
     * @param containerName the ECS container name
     * @param containerId the engine's container id
     * @param logDriver the log driver
     * @param options the log options
     * @param executionCredentials the execution-role credentials
     * @param resumed whether an earlier run of the runtime delivered from this container
     * @param secretOptions the options that came from secrets
     */
    public ContainerLogSource {
        requireNonNull(taskArn, "taskArn is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(containerName, "containerName is null");
        requireNonNull(containerId, "containerId is null");
        requireNonNull(logDriver, "logDriver is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(executionCredentials, "executionCredentials is null");
        secretOptions = Set.copyOf(requireNonNull(secretOptions, "secretOptions is null"));
    }

    /**
     * A container without secret options.
     *
     * @param taskArn the task ARN
     * @param cluster the cluster name
     * @param containerName the ECS container name
     * @param containerId the engine's container id
     * @param logDriver the log driver
     * @param options the log options
     * @param executionCredentials the execution-role credentials
     * @param resumed whether an earlier run of the runtime delivered from this container
     */
    public ContainerLogSource(String taskArn, String cluster, String containerName, String containerId,
                              String logDriver, Map<String, String> options,
                              Supplier<AwsCredentials> executionCredentials, boolean resumed) {
        this(taskArn, cluster, containerName, containerId, logDriver, options, executionCredentials, resumed,
                Set.of());
    }

    /**
     * The task id: the last part of the task ARN.
     *
     * @return the 32-hex-character id
     */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
