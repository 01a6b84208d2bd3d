package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A service as the plugin keeps it (in memory and in {@code state.dir/services/<cluster>/<name>.json}).
 *
 * @param serviceArn {@code arn:aws:ecs:<r>:<a>:service/<cluster>/<name>}
 * @param serviceName the name
 * @param cluster the cluster name
 * @param status {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
 * @param desiredCount the desired count (1 for DAEMON: one container instance locally)
 * @param taskDefinition the task definition ARN of the PRIMARY deployment
 * @param launchType the launch type the service reports ({@code EC2}, {@code FARGATE}, …)
 * @param schedulingStrategy {@code REPLICA} or {@code DAEMON}
 * @param createdAt epoch seconds
 * @param clientToken the CreateService client token, or null
 * @param members the stored request members answered back as they were given (load balancers, placement…)
 * @param deployments PRIMARY first, then the older ACTIVE ones
 * @param events newest first, at most {@link #MAX_EVENTS}
 * @param steady whether the last reconciliation saw a steady state (the event is written once per arrival)
 */
record StoredService(String serviceArn, String serviceName, String cluster, String status, int desiredCount,
                     String taskDefinition, String launchType, String schedulingStrategy, double createdAt,
                     String clientToken, ObjectNode members, List<ServiceDeployment> deployments,
                     List<ServiceEvent> events, boolean steady) {

    /** ECS keeps the 100 newest events. */
    static final int MAX_EVENTS = 100;

    StoredService {
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
    }

    /** The key of the store: {@code <cluster>/<name>}. */
    String key() {
        return cluster + "/" + serviceName;
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

    StoredService withStatus(String newStatus, int newDesired) {
        return new StoredService(serviceArn, serviceName, cluster, newStatus, newDesired, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, events, steady);
    }

    StoredService withDeployments(List<ServiceDeployment> newDeployments, boolean newSteady) {
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount,
                newDeployments.getFirst().taskDefinition(), launchType, schedulingStrategy, createdAt, clientToken,
                members, newDeployments, events, newSteady);
    }

    StoredService withUpdate(int newDesired, String newLaunchType, ObjectNode newMembers,
                             List<ServiceDeployment> newDeployments, boolean newSteady) {
        return new StoredService(serviceArn, serviceName, cluster, status, newDesired,
                newDeployments.getFirst().taskDefinition(), newLaunchType, schedulingStrategy, createdAt, clientToken,
                newMembers, newDeployments, events, newSteady);
    }

    /** This service with one more event, newest first, the oldest dropped past {@link #MAX_EVENTS}. */
    StoredService withEvent(double now, String message) {
        List<ServiceEvent> newer = new ArrayList<>(MAX_EVENTS);
        newer.add(new ServiceEvent(UUID.randomUUID().toString(), now, message));
        events.stream().limit(MAX_EVENTS - 1).forEach(newer::add);
        return new StoredService(serviceArn, serviceName, cluster, status, desiredCount, taskDefinition, launchType,
                schedulingStrategy, createdAt, clientToken, members, deployments, newer, steady);
    }
}
