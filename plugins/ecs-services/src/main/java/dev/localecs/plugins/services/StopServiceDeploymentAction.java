package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * StopServiceDeployment: stops a service deployment that is in progress. {@code ROLLBACK} (the default) runs the
 * revision of the last successful deployment again, as the circuit breaker's rollback does (reason
 * "StopServiceDeployment: rolling back to deploymentId ecs-svc/…."); a service with no such revision is
 * {@code ConflictException}; {@code ABORT} leaves
 * the tasks as they are and launches no more for it (its {@code deployments[]} entry becomes FAILED).
 */
@Extension
public final class StopServiceDeploymentAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public StopServiceDeploymentAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String serviceDeploymentArn, String stopType) {
    }

    @Override
    public String name() {
        return "StopServiceDeployment";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String stopType = body.stopType() == null ? "ROLLBACK" : body.stopType();
        if (!List.of("ABORT", "ROLLBACK").contains(stopType)) {
            throw EcsException.invalidParameter("Invalid stopType '" + stopType + "'. Valid values: ABORT, ROLLBACK.");
        }
        ServiceDeploymentViews.Parts parts = ServiceDeploymentViews.parse(body.serviceDeploymentArn(),
                "service-deployment").orElseThrow(StopServiceDeploymentAction::notFound);
        ServiceStore store = ServiceStore.of(context);
        String key = parts.cluster() + "/" + parts.service();
        store.locked(key, () -> {
            StoredService service = store.find(parts.cluster(), parts.service()).orElseThrow(
                    StopServiceDeploymentAction::notFound);
            DeploymentRecord record = service.history().stream().filter(r -> r.id().equals(parts.id())).findFirst()
                    .orElseThrow(StopServiceDeploymentAction::notFound);
            if (!record.status().equals("IN_PROGRESS") || !record.deploymentId().equals(service.primary().id())) {
                throw new EcsException(ErrorCode.CONFLICT, "The service deployment " + body.serviceDeploymentArn()
                        + " is " + record.status() + "; only a deployment in progress can be stopped.");
            }
            return store.put(stopType.equals("ABORT") ? abort(service) : rollback(service));
        });
        store.wake(key);
        return Map.of("serviceDeploymentArn", body.serviceDeploymentArn());
    }

    private StoredService abort(StoredService service) {
        double now = now();
        String reason = "ECS deployment " + service.primary().id() + " stopped.";
        List<ServiceDeployment> deployments = new ArrayList<>(service.deployments());
        deployments.set(0, service.primary().failed(reason, now));
        new ServiceNotifications(context).deploymentFailed(service, service.primary(), reason);
        return service.withDeployments(deployments, false)
                .withRecord(service.primary().id(), record -> record.finished("STOPPED",
                        "Service deployment stopped by StopServiceDeployment (ABORT).", now));
    }

    private StoredService rollback(StoredService service) {
        double now = now();
        ServiceDeployment stopped = service.primary();
        ServiceRevision back = service.lastCompletedRevision()
                .filter(revision -> !revision.id().equals(stopped.revision()))
                .orElseThrow(() -> new EcsException(ErrorCode.CONFLICT, "The service has no completed deployment "
                        + "to roll back to."));
        return CircuitBreaker.rollBack(service, back, service.desiredCount(), now, "StopServiceDeployment",
                new ServiceNotifications(context));
    }

    private double now() {
        return context.clock().instant().toEpochMilli() / 1000.0;
    }

    private static EcsException notFound() {
        return new EcsException(ErrorCode.SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment does not exist.");
    }
}
