package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One daemon deployment: the rollout of a target revision (CreateDaemon, UpdateDaemon) or, with no target, the
 * removal of the daemon's tasks (DeleteDaemon). Tasks it starts carry its {@code id} as {@code startedBy}.
 *
 * @param arn {@code arn:aws:ecs:<r>:<a>:daemon-deployment/<cluster>/<daemon>/<id>}
 * @param id the 21-character id
 * @param status {@code PENDING}, {@code IN_PROGRESS}, {@code SUCCESSFUL}, {@code STOPPED}, …
 * @param statusReason why it has its status
 * @param targetRevisionArn the revision rolled out, or null for a deletion
 * @param sourceRevisionArns the revisions it replaces
 * @param deploymentConfiguration the configuration it runs with (drainPercent, bakeTimeInMinutes, alarms)
 * @param failedTasks tasks of this deployment that failed to start
 * @param createdAt epoch seconds
 * @param startedAt epoch seconds, or null
 * @param stoppedAt epoch seconds, or null
 * @param finishedAt epoch seconds, or null
 */
record DaemonDeployment(String arn, String id, String status, String statusReason, String targetRevisionArn,
                        java.util.List<String> sourceRevisionArns, ObjectNode deploymentConfiguration, int failedTasks,
                        double createdAt, Double startedAt, Double stoppedAt, Double finishedAt) {

    DaemonDeployment {
        sourceRevisionArns = java.util.List.copyOf(sourceRevisionArns);
    }

    boolean finished() {
        return finishedAt != null || stoppedAt != null;
    }

    DaemonDeployment started(double now) {
        return new DaemonDeployment(arn, id, "IN_PROGRESS", "Daemon deployment in progress.", targetRevisionArn,
                sourceRevisionArns, deploymentConfiguration, failedTasks, createdAt, now, stoppedAt, finishedAt);
    }

    DaemonDeployment successful(double now, String reason) {
        return new DaemonDeployment(arn, id, "SUCCESSFUL", reason, targetRevisionArn, sourceRevisionArns,
                deploymentConfiguration, failedTasks, createdAt, startedAt == null ? now : startedAt, stoppedAt, now);
    }

    DaemonDeployment stopped(double now, String reason) {
        return new DaemonDeployment(arn, id, "STOPPED", reason, targetRevisionArn, sourceRevisionArns,
                deploymentConfiguration, failedTasks, createdAt, startedAt, now, finishedAt);
    }

    DaemonDeployment withFailures(int count) {
        return new DaemonDeployment(arn, id, status, statusReason, targetRevisionArn, sourceRevisionArns,
                deploymentConfiguration, count, createdAt, startedAt, stoppedAt, finishedAt);
    }
}
