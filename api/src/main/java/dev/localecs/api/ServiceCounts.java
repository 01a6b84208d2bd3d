package dev.localecs.api;

import java.util.Optional;

/**
 * How many services each cluster has, by launch type and status, as the plugin that owns services reports
 * them. Cluster answers ({@code activeServicesCount}, the {@code STATISTICS} counters) read it, so the
 * cluster actions never call the services plugin. The runtime keeps the reports in memory: the reporting
 * plugin reports its services again when it starts. With no such plugin every count is zero, as on ECS for
 * a cluster without services.
 */
public interface ServiceCounts {

    /**
     * Records a service's current cluster, launch type and status, replacing what was reported for it.
     *
     * @param serviceArn the service ARN (the key)
     * @param cluster the cluster name
     * @param launchType {@code EC2}, {@code FARGATE}, {@code EXTERNAL} or {@code MANAGED_INSTANCES}
     * @param status {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
     */
    void report(String serviceArn, String cluster, String launchType, String status);

    /**
     * Forgets a service (it is gone from every answer).
     *
     * @param serviceArn the service ARN
     */
    void forget(String serviceArn);

    /**
     * How many reported services of a cluster have a launch type and status.
     *
     * @param cluster the cluster name
     * @param launchType the launch type
     * @param status the status
     * @return the count
     */
    int count(String cluster, String launchType, String status);

    /**
     * The last reported status of a service, for answers that must know whether a service exists (tagging a
     * service ARN) without calling the services plugin.
     *
     * @param serviceArn the service ARN
     * @return {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}; empty when the service was never reported
     *         or was forgotten
     */
    Optional<String> status(String serviceArn);

    /**
     * Counts kept in memory: the last report of every service (the plugin that owns services persists them and
     * reports them again after a restart).
     *
     * @return new, empty counts
     */
    static ServiceCounts inMemory() {
        return new InMemoryServiceCounts();
    }
}
