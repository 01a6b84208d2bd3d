package dev.localecs.plugins.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.EcsEvent;
import dev.localecs.api.PluginContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The EventBridge events of services, published on the runtime's {@link dev.localecs.api.EcsEvents} bus in the
 * shapes AWS documents: "ECS Service Action" ({@code SERVICE_STEADY_STATE}, {@code SERVICE_TASK_START_IMPAIRED})
 * and "ECS Deployment State Change" ({@code SERVICE_DEPLOYMENT_IN_PROGRESS}, {@code _COMPLETED}, {@code _FAILED}),
 * {@code resources} the service ARN, timestamps ISO-8601 with milliseconds.
 */
final class ServiceNotifications {
    static final String SERVICE_ACTION = "ECS Service Action";
    static final String DEPLOYMENT_STATE_CHANGE = "ECS Deployment State Change";

    private final PluginContext context;

    ServiceNotifications(PluginContext context) {
        this.context = context;
    }

    /** {@code SERVICE_STEADY_STATE} (INFO). */
    void steadyState(StoredService service) {
        serviceAction(service, "INFO", "SERVICE_STEADY_STATE");
    }

    /** {@code SERVICE_TASK_START_IMPAIRED} (WARN): tasks keep failing to start. */
    void taskStartImpaired(StoredService service) {
        serviceAction(service, "WARN", "SERVICE_TASK_START_IMPAIRED");
    }

    /** {@code SERVICE_DEPLOYMENT_IN_PROGRESS} (INFO). */
    void deploymentInProgress(StoredService service, ServiceDeployment deployment) {
        deployment(service, "INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS", deployment.id(),
                "ECS deployment " + deployment.id() + " in progress.");
    }

    /** {@code SERVICE_DEPLOYMENT_COMPLETED} (INFO). */
    void deploymentCompleted(StoredService service, ServiceDeployment deployment) {
        deployment(service, "INFO", "SERVICE_DEPLOYMENT_COMPLETED", deployment.id(),
                "ECS deployment " + deployment.id() + " completed.");
    }

    /** {@code SERVICE_DEPLOYMENT_FAILED} (ERROR). */
    void deploymentFailed(StoredService service, ServiceDeployment deployment, String reason) {
        deployment(service, "ERROR", "SERVICE_DEPLOYMENT_FAILED", deployment.id(), reason);
    }

    private void serviceAction(StoredService service, String type, String name) {
        Instant now = context.clock().instant();
        ObjectNode detail = context.json().createObjectNode();
        detail.put("eventType", type);
        detail.put("eventName", name);
        detail.put("clusterArn", context.arns().cluster(service.cluster()));
        detail.put("createdAt", iso(now));
        publish(service, SERVICE_ACTION, detail, now);
    }

    private void deployment(StoredService service, String type, String name, String deploymentId, String reason) {
        Instant now = context.clock().instant();
        ObjectNode detail = context.json().createObjectNode();
        detail.put("eventType", type);
        detail.put("eventName", name);
        detail.put("deploymentId", deploymentId);
        detail.put("updatedAt", iso(now));
        detail.put("reason", reason);
        publish(service, DEPLOYMENT_STATE_CHANGE, detail, now);
    }

    private void publish(StoredService service, String detailType, ObjectNode detail, Instant now) {
        try {
            context.events().publish(new EcsEvent(EcsEvent.ECS_SOURCE, detailType, List.of(service.serviceArn()),
                    context.json().writeValueAsString(detail), now.truncatedTo(ChronoUnit.SECONDS)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + detailType + " event of " + service.serviceArn(), e);
        }
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
