package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds ARNs in the shapes real ECS uses, for one region and account.
 *
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param accountId the 12-digit account id
 */
public record EcsArns(String region, String accountId) {

    /**
     * Validates the components.
     *
     * @param region the region
     * @param accountId the account id
     */
    public EcsArns {
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
    }

    /**
     * {@code arn:aws:ecs:<region>:<account>:cluster/<name>}.
     *
     * @param clusterName the cluster name
     * @return the ARN
     */
    public String cluster(String clusterName) {
        return prefix() + "cluster/" + clusterName;
    }

    /**
     * {@code arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>}.
     *
     * @param family the family
     * @param revision the revision
     * @return the ARN
     */
    public String taskDefinition(String family, int revision) {
        return prefix() + "task-definition/" + family + ":" + revision;
    }

    /**
     * {@code arn:aws:ecs:<region>:<account>:task/<cluster>/<taskId>}.
     *
     * @param clusterName the cluster name
     * @param taskId the 32-hex-character task id
     * @return the ARN
     */
    public String task(String clusterName, String taskId) {
        return prefix() + "task/" + clusterName + "/" + taskId;
    }

    /**
     * {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<name>}.
     *
     * @param clusterName the cluster name
     * @param serviceName the service name
     * @return the ARN
     */
    public String service(String clusterName, String serviceName) {
        return prefix() + "service/" + clusterName + "/" + serviceName;
    }

    /**
     * {@code arn:aws:ecs:<region>:<account>:container/<cluster>/<taskId>/<uuid>}.
     *
     * @param clusterName the cluster name
     * @param taskId the task id
     * @param containerId the container's uuid
     * @return the ARN
     */
    public String container(String clusterName, String taskId, String containerId) {
        return prefix() + "container/" + clusterName + "/" + taskId + "/" + containerId;
    }

    /**
     * A container instance ARN.
     *
     * @param clusterName the cluster name
     * @param instanceId the 32-hex-character container instance id
     * @return {@code arn:aws:ecs:<region>:<account>:container-instance/<cluster>/<id>}
     */
    public String containerInstance(String clusterName, String instanceId) {
        return prefix() + "container-instance/" + clusterName + "/" + instanceId;
    }

    /**
     * The ARN of the local container instance of a cluster.
     *
     * @param clusterName the cluster name
     * @return its ARN, with {@link #containerInstanceId(String)}
     */
    public String localContainerInstance(String clusterName) {
        return containerInstance(clusterName, containerInstanceId(clusterName));
    }

    /**
     * A capacity provider ARN.
     *
     * @param name the provider name
     * @return {@code arn:aws:ecs:<region>:<account>:capacity-provider/<name>}
     */
    public String capacityProvider(String name) {
        return prefix() + "capacity-provider/" + name;
    }

    /**
     * The id of the local engine's container instance in a cluster: 32 hex characters, as ECS's, stable for a
     * cluster name so that tasks, restarts and re-registrations agree on it.
     *
     * @param clusterName the cluster name
     * @return the id
     */
    public static String containerInstanceId(String clusterName) {
        return digest("local-ecs-api container instance " + clusterName);
    }

    /**
     * The id of a container instance of a cluster: the engine's only machine's ({@link #containerInstanceId(String)})
     * or one of its machines' (a Kubernetes node's), stable for the cluster and machine names.
     *
     * @param clusterName the cluster name
     * @param machine the engine machine's name; empty for an engine's only machine
     * @return the id, 32 hex characters
     */
    public static String containerInstanceId(String clusterName, Optional<String> machine) {
        return machine.map(name -> digest("local-ecs-api container instance " + clusterName + "/" + name))
                .orElseGet(() -> containerInstanceId(clusterName));
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The principal ECS reports as {@code registeredBy}: the account root.
     *
     * @return {@code arn:aws:iam::<account>:root}
     */
    public String accountRoot() {
        return "arn:aws:iam::" + accountId + ":root";
    }

    private String prefix() {
        return "arn:aws:ecs:" + region + ":" + accountId + ":";
    }
}
