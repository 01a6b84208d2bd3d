package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One service deployment as ListServiceDeployments and DescribeServiceDeployments show it: the move of a service
 * from its source revisions to a target revision, and its outcome. {@code deploymentId} is the entry of
 * {@code deployments[]} that currently carries it out (a rollback hands it to a new entry).
 *
 * @param id the last part of its ARN (21 letters and digits)
 * @param status {@code IN_PROGRESS}, {@code SUCCESSFUL}, {@code STOPPED}, {@code ROLLBACK_IN_PROGRESS},
 *        {@code ROLLBACK_SUCCESSFUL}, {@code ROLLBACK_FAILED}
 * @param statusReason why it is in that status, or null
 * @param targetRevision the revision it deploys
 * @param sourceRevisions the revisions that ran when it started
 * @param deploymentId the {@code ecs-svc/} id of the {@code deployments[]} entry carrying it out
 * @param createdAt epoch seconds
 * @param startedAt epoch seconds
 * @param finishedAt epoch seconds, when it succeeded or its rollback did; else null
 * @param stoppedAt epoch seconds, when it stopped or failed; else null
 * @param updatedAt epoch seconds
 * @param deploymentConfiguration the service's deployment configuration when it started
 * @param rollback the rollback, when one started; else null
 * @param failureCount the tasks the circuit breaker counted as failed
 */
record DeploymentRecord(String id, String status, String statusReason, String targetRevision,
                        List<String> sourceRevisions, String deploymentId, double createdAt, double startedAt,
                        Double finishedAt, Double stoppedAt, double updatedAt, ObjectNode deploymentConfiguration,
                        Rollback rollback, int failureCount) {

    /**
     * A rollback of a service deployment.
     *
     * @param reason why
     * @param startedAt epoch seconds
     * @param revision the revision it returns to
     */
    record Rollback(String reason, double startedAt, String revision) {
    }

    DeploymentRecord {
        sourceRevisions = List.copyOf(sourceRevisions);
    }

    /** Whether it is still under way (a new deployment or a stop request ends it). */
    boolean inProgress() {
        return status.equals("IN_PROGRESS") || status.equals("ROLLBACK_IN_PROGRESS");
    }

    DeploymentRecord finished(String newStatus, String reason, double now) {
        boolean success = newStatus.equals("SUCCESSFUL") || newStatus.equals("ROLLBACK_SUCCESSFUL");
        return new DeploymentRecord(id, newStatus, reason, targetRevision, sourceRevisions, deploymentId, createdAt,
                startedAt, success ? Double.valueOf(now) : finishedAt, success ? stoppedAt : Double.valueOf(now), now,
                deploymentConfiguration, rollback, failureCount);
    }

    DeploymentRecord rolledBack(String reason, double now, String revision, String newDeploymentId) {
        return new DeploymentRecord(id, "ROLLBACK_IN_PROGRESS", reason, targetRevision, sourceRevisions,
                newDeploymentId, createdAt, startedAt, finishedAt, stoppedAt, now, deploymentConfiguration,
                new Rollback(reason, now, revision), failureCount);
    }

    DeploymentRecord withFailures(int failures, double now) {
        return failures == failureCount ? this : new DeploymentRecord(id, status, statusReason, targetRevision,
                sourceRevisions, deploymentId, createdAt, startedAt, finishedAt, stoppedAt, now,
                deploymentConfiguration, rollback, failures);
    }
}
