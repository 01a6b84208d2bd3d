package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A service as the plugin keeps it (in memory and in {@code state.dir/services/<cluster>/<name>.json}).
 *
 * @param serviceArn {@code arn:aws:ecs:<r>:<a>:service/<cluster>/<name>}
 * @param serviceName the name
 * @param cluster the cluster name
 * @param status {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
 * @param desiredCount the desired count (for DAEMON: the ACTIVE container instances meeting its constraints)
 * @param taskDefinition the task definition ARN of the PRIMARY deployment (or task set); null for an EXTERNAL service
 *     created without one
 * @param launchType the launch type the service reports ({@code EC2}, {@code FARGATE}, …)
 * @param schedulingStrategy {@code REPLICA} or {@code DAEMON}
 * @param createdAt epoch seconds
 * @param clientToken the CreateService client token, or null
 * @param members the stored request members answered back as they were given (load balancers, placement…)
 * @param deployments PRIMARY first, then the older ACTIVE ones; none for a service whose task sets deploy it
 * @param events newest first, at most {@link #MAX_EVENTS}
 * @param steady whether the last reconciliation saw a steady state (the event is written once per arrival)
 * @param revisions its service revisions, newest first, at most {@link #MAX_HISTORY}
 * @param history its service deployments, newest first, at most {@link #MAX_HISTORY}
 */
record StoredService(String serviceArn, String serviceName, String cluster, String status, int desiredCount,
                     String taskDefinition, String launchType, String schedulingStrategy, double createdAt,
                     String clientToken, ObjectNode members, List<ServiceDeployment> deployments,
                     List<ServiceEvent> events, boolean steady, List<ServiceRevision> revisions,
                     List<DeploymentRecord> history) {

    /** ECS keeps the 100 newest events. */
    static final int MAX_EVENTS = 100;
    /** How many service deployments and revisions are kept per service. */
    static final int MAX_HISTORY = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    StoredService {
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
        // files written before revisions and service deployments have neither
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The key of the store: {@code <cluster>/<name>}. */
    String key() {
        return cluster + "/" + serviceName;
    }

    /** The deployment controller: {@code ECS}, or {@code CODE_DEPLOY} and {@code EXTERNAL} (task sets). */
    DeploymentController deploymentController() {
        return DeploymentController.of(members);
    }

    /** This service with other stored members (its task sets live in {@code members.taskSets}). */
    StoredService withMembers(ObjectNode newMembers) {
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, newMembers, deployments, events, steady, revisions, history);
    }

    ServiceDeployment primary() {
        return deployments.getFirst();
    }

    int maximumPercent() {
        return members.path("deploymentConfiguration").path("maximumPercent").asInt(200);
    }

    int minimumHealthyPercent() {
        return members.path("deploymentConfiguration").path("minimumHealthyPercent")
                .asInt("DAEMON".equals(schedulingStrategy) ? 0 : 100);
    }

    /** Whether the deployment circuit breaker is on. */
    boolean circuitBreaker() {
        return members.path("deploymentConfiguration").path("deploymentCircuitBreaker").path("enable").asBoolean();
    }

    /** Whether a failed deployment rolls back to the last completed one. */
    boolean rollback() {
        return members.path("deploymentConfiguration").path("deploymentCircuitBreaker").path("rollback")
                .asBoolean();
    }

    Optional<ServiceRevision> revision(String id) {
        return revisions.stream().filter(revision -> revision.id().equals(id)).findFirst();
    }

    /** The revision of the newest service deployment that succeeded (its rollback's when it was rolled back). */
    Optional<ServiceRevision> lastCompletedRevision() {
        return history.stream().filter(record -> record.status().equals("SUCCESSFUL")
                        || record.status().equals("ROLLBACK_SUCCESSFUL")).findFirst()
                .flatMap(record -> revision(record.status().equals("SUCCESSFUL") ? record.targetRevision()
                        : record.rollback().revision()));
    }

    /** This service with its steady-state flag (a service of task sets, which has no deployments to carry it). */
    StoredService withSteady(boolean newSteady) {
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, events, newSteady, revisions,
                history);
    }

    StoredService withStatus(String newStatus, int newDesired) {
        return new StoredService(serviceArn, serviceName, cluster, newStatus, newDesired, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, events, steady, revisions, history);
    }

    StoredService withDeployments(List<ServiceDeployment> newDeployments, boolean newSteady) {
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount,
                newDeployments.getFirst().taskDefinition(), launchType, schedulingStrategy, createdAt, clientToken,
                members, newDeployments, events, newSteady, revisions, history);
    }

    StoredService withUpdate(int newDesired, String newLaunchType, ObjectNode newMembers,
                             List<ServiceDeployment> newDeployments, boolean newSteady) {
        return new StoredService(serviceArn, serviceName, cluster, status, newDesired,
                newDeployments.isEmpty() ? taskDefinition : newDeployments.getFirst().taskDefinition(), newLaunchType,
                schedulingStrategy, createdAt, clientToken, newMembers, newDeployments, events, newSteady, revisions,
                history);
    }

    /** This service with one more event, newest first, the oldest dropped past {@link #MAX_EVENTS}. */
    StoredService withEvent(double now, String message) {
        List<ServiceEvent> newer = new ArrayList<>(MAX_EVENTS);
        newer.add(new ServiceEvent(UUID.randomUUID().toString(), now, message));
        events.stream().limit(MAX_EVENTS - 1).forEach(newer::add);
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, newer, steady, revisions, history);
    }

    /** This service with the service deployment carried out by {@code deploymentId} changed. */
    StoredService withRecord(String deploymentId, UnaryOperator<DeploymentRecord> change) {
        List<DeploymentRecord> changed = history.stream()
                .map(record -> record.deploymentId().equals(deploymentId) ? change.apply(record) : record).toList();
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, events, steady, revisions, changed);
    }

    /**
     * This service after its PRIMARY deployment {@code primary} started a new service deployment: the revision it
     * runs is recorded (unless it exists), the service deployments still under way stop, and a new one starts
     * from the revisions that ran.
     */
    StoredService deploymentStarted(ServiceDeployment primary, double now) {
        List<ServiceRevision> newRevisions = new ArrayList<>();
        if (revision(primary.revision()).isEmpty()) {
            ObjectNode revisionMembers = primary.members().deepCopy();
            for (String member : List.of("loadBalancers", "serviceRegistries")) {
                ServiceRequests.member(members, member).ifPresent(value -> revisionMembers.set(member, value));
            }
            newRevisions.add(new ServiceRevision(primary.revision(), primary.taskDefinition(), primary.launchType(),
                    revisionMembers, now));
        }
        revisions.stream().limit(MAX_HISTORY - newRevisions.size()).forEach(newRevisions::add);
        List<DeploymentRecord> newHistory = new ArrayList<>();
        List<String> sources = deployments.stream().filter(deployment -> !deployment.id().equals(primary.id()))
                .map(ServiceDeployment::revision).distinct().toList();
        newHistory.add(new DeploymentRecord(newId(), "IN_PROGRESS", null, primary.revision(), sources, primary.id(),
                now, now, null, null, now, members.path("deploymentConfiguration") instanceof ObjectNode configuration
                ? configuration.deepCopy() : null, null, 0));
        history.stream().limit(MAX_HISTORY - 1).map(record -> record.inProgress()
                        ? record.finished("STOPPED", "Service deployment stopped: a newer deployment started.", now)
                        : record).forEach(newHistory::add);
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, events, steady, newRevisions,
                newHistory);
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(21);
        for (int i = 0; i < 21; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
