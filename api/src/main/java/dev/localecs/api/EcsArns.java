package dev.localecs.api;

import static java.util.Objects.requireNonNull;

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
