package dev.localecs.plugins.services.network;

import static java.util.Objects.requireNonNull;

/**
 * A task the front door found UNHEALTHY, in the terms ECS reports an ELB health check failure.
 *
 * @param taskArn the task
 * @param containerPort the target's port, as the service's load balancer entry names it
 * @param checkedIn where it is checked: {@code target-group <arn>}, or {@code front door <host>:<port>} for a
 *                  front door without a target group (an express service's)
 * @param reason the last failing check's reason ({@code Health checks failed with these codes: [500]})
 */
public record TargetFailure(String taskArn, int containerPort, String checkedIn, String reason) {
    /**
     * Validates the components.
     *
     * @param taskArn the task
     * @param containerPort the port
     * @param checkedIn where it is checked
     * @param reason the reason
     */
    public TargetFailure {
        requireNonNull(taskArn, "taskArn is null");
        requireNonNull(checkedIn, "checkedIn is null");
        requireNonNull(reason, "reason is null");
    }

    /**
     * The stoppedReason of the task the scheduler replaces.
     *
     * @return {@code Task failed ELB health checks in (target-group …)}
     */
    public String stoppedReason() {
        return "Task failed ELB health checks in (" + checkedIn + ")";
    }

    /**
     * The service event that says why.
     *
     * @param serviceName the service
     * @return {@code (service web) (task …) (port 80) is unhealthy in (…) due to (reason …).}
     */
    public String event(String serviceName) {
        return "(service " + serviceName + ") (task " + taskArn.substring(taskArn.lastIndexOf('/') + 1) + ") (port "
                + containerPort + ") is unhealthy in (" + checkedIn + ") due to (reason " + reason + ").";
    }
}
