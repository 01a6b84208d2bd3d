package dev.localecs.plugins.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deployment circuit breaker: a PRIMARY deployment still IN_PROGRESS whose failed tasks reach the threshold
 * becomes FAILED and launches no more tasks; with {@code rollback} a new PRIMARY deployment runs the revision of
 * the last service deployment that succeeded again, and the failed one drains.
 */
final class CircuitBreaker {
    /** ECS's bounds of the threshold. */
    static final int MINIMUM_THRESHOLD = 3;
    static final int MAXIMUM_THRESHOLD = 200;
    static final String FAILED_REASON = "ECS deployment circuit breaker: tasks failed to start.";

    private CircuitBreaker() {
    }

    /** The failed tasks that fail a deployment: half the desired count, within 3 and 200. */
    static int threshold(int desiredCount) {
        return Math.min(Math.max(MINIMUM_THRESHOLD, (int) Math.ceil(0.5 * desiredCount)), MAXIMUM_THRESHOLD);
    }

    /** Whether the breaker trips for this service's PRIMARY deployment (the counts already updated). */
    static boolean trips(StoredService service, int desired) {
        ServiceDeployment primary = service.primary();
        return service.circuitBreaker() && "IN_PROGRESS".equals(primary.rolloutState())
                && primary.failedTasks() >= threshold(desired);
    }

    /**
     * The service after its PRIMARY deployment failed: events, the service deployment's outcome, and the rollback
     * when asked for and a completed revision other than the failed one exists.
     */
    static StoredService trip(StoredService service, int desired, double now, ServiceNotifications notifications) {
        ServiceDeployment failed = service.primary();
        String name = service.serviceName();
        StoredService changed = service.withEvent(now, "(service " + name + ") (deployment " + failed.id()
                + ") deployment failed: tasks failed to start.");
        Optional<ServiceRevision> back = service.rollback() ? service.lastCompletedRevision()
                .filter(revision -> !revision.id().equals(failed.revision())) : Optional.empty();
        if (back.isEmpty()) {
            List<ServiceDeployment> deployments = new ArrayList<>();
            deployments.add(failed.failed(FAILED_REASON, now));
            deployments.addAll(service.deployments().subList(1, service.deployments().size()));
            changed = changed.withDeployments(deployments, false).withRecord(failed.id(), record ->
                    record.finished("STOPPED", FAILED_REASON, now));
            notifications.deploymentFailed(changed, failed, FAILED_REASON);
            return changed;
        }
        return rollBack(changed, back.get(), desired, now, "ECS deployment circuit breaker", notifications);
    }

    /**
     * The service after its PRIMARY deployment gave way to a rollback: a new PRIMARY deployment runs {@code back}
     * again, the old PRIMARY is FAILED and drains, its service deployment is ROLLBACK_IN_PROGRESS, and the events
     * and EventBridge say so.
     *
     * @param cause what rolls back, the start of the reason ("ECS deployment circuit breaker")
     */
    static StoredService rollBack(StoredService service, ServiceRevision back, int desired, double now, String cause,
                                  ServiceNotifications notifications) {
        ServiceDeployment failed = service.primary();
        ServiceDeployment rollback = ServiceRequests.redeployment(back, desired, now);
        String reason = cause + ": rolling back to deploymentId " + rollback.id() + ".";
        List<ServiceDeployment> deployments = new ArrayList<>();
        deployments.add(rollback);
        deployments.add(failed.failed(reason, now).withStatus("ACTIVE"));
        deployments.addAll(service.deployments().subList(1, service.deployments().size()));
        StoredService changed = service.withDeployments(deployments, false)
                .withRecord(failed.id(), record -> record.rolledBack(reason, now, back.id(), rollback.id()))
                .withEvent(now, "(service " + service.serviceName() + ") rolling back to deployment " + rollback.id()
                        + ".");
        notifications.deploymentFailed(changed, failed, reason);
        notifications.deploymentInProgress(changed, rollback);
        return changed;
    }
}
