package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One deployment of a service, as {@code deployments[]} shows it.
 *
 * @param id {@code ecs-svc/<19 digits>}; the {@code startedBy} of its tasks
 * @param status {@code PRIMARY} (the newest) or {@code ACTIVE} (older, draining)
 * @param taskDefinition the task definition ARN
 * @param desiredCount how many tasks it aims at
 * @param pendingCount its tasks not yet RUNNING
 * @param runningCount its RUNNING tasks
 * @param failedTasks its tasks that stopped before reaching RUNNING
 * @param createdAt epoch seconds
 * @param updatedAt epoch seconds
 * @param launchType the launch type of its tasks
 * @param rolloutState {@code IN_PROGRESS}, {@code COMPLETED} or {@code FAILED}
 * @param rolloutStateReason why it is in that state
 * @param members the deployment's stored request members (network, Service Connect, volumes…)
 * @param revision the id of the service revision it runs (null in files written before revisions: then the
 *        digits of {@code id})
 */
record ServiceDeployment(String id, String status, String taskDefinition, int desiredCount, int pendingCount,
                         int runningCount, int failedTasks, double createdAt, double updatedAt, String launchType,
                         String rolloutState, String rolloutStateReason, ObjectNode members, String revision) {

    ServiceDeployment {
        if (revision == null) {
            revision = id.substring(id.indexOf('/') + 1);
        }
    }

    ServiceDeployment withStatus(String newStatus) {
        return new ServiceDeployment(id, newStatus, taskDefinition, desiredCount, pendingCount, runningCount,
                failedTasks, createdAt, updatedAt, launchType, rolloutState, rolloutStateReason, members, revision);
    }

    ServiceDeployment withCounts(int desired, int pending, int running, int failed, double now) {
        boolean changed = desired != desiredCount || pending != pendingCount || running != runningCount
                || failed != failedTasks;
        return new ServiceDeployment(id, status, taskDefinition, desired, pending, running, failed, createdAt,
                changed ? now : updatedAt, launchType, rolloutState, rolloutStateReason, members, revision);
    }

    ServiceDeployment completed(double now) {
        return new ServiceDeployment(id, status, taskDefinition, desiredCount, pendingCount, runningCount,
                failedTasks, createdAt, now, launchType, "COMPLETED", "ECS deployment " + id + " completed.",
                members, revision);
    }

    ServiceDeployment failed(String reason, double now) {
        return new ServiceDeployment(id, status, taskDefinition, desiredCount, pendingCount, runningCount,
                failedTasks, createdAt, now, launchType, "FAILED", reason, members, revision);
    }
}
