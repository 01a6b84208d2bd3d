package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * UpdateService: a new desired count, and a new PRIMARY deployment (the previous ones become ACTIVE and drain)
 * when the task definition, a deployment member (network, capacity providers, platform version, Service Connect,
 * volumes) changes or {@code forceNewDeployment} is set. Other members are stored and answered back. A service whose
 * task sets deploy it (CODE_DEPLOY, EXTERNAL) takes only what ECS lets it change ({@link
 * DeploymentController#checkUpdate}); its task sets follow a new desired count.
 */
@Extension
public final class UpdateServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String service, Integer desiredCount, String taskDefinition,
                   Boolean forceNewDeployment, String propagateTags) {
    }

    @Override
    public String name() {
        return "UpdateService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        StoredService updated = store.locked(key, () -> {
            StoredService service = ServiceRefs.active(store, cluster, body.service());
            StoredService changed = store.put(update(service, body, request.body()));
            if (!changed.deploymentController().usesTaskSets()
                    && !changed.primary().id().equals(service.primary().id())) {
                new ServiceNotifications(context).deploymentInProgress(changed, changed.primary());
            }
            return changed;
        });
        store.wake(key);
        return Map.of("service", ServiceViews.view(context, updated, false));
    }

    private StoredService update(StoredService service, Request body, JsonNode raw) {
        int desired = service.desiredCount();
        if (body.desiredCount() != null) {
            if (body.desiredCount() < 0) {
                throw EcsException.invalidParameter("desiredCount must be greater than or equal to 0.");
            }
            if ("DAEMON".equals(service.schedulingStrategy())) {
                throw EcsException.invalidParameter("The desired count of a service using the DAEMON scheduling "
                        + "strategy cannot be updated.");
            }
            desired = body.desiredCount();
        }
        if (body.propagateTags() != null && !List.of("TASK_DEFINITION", "SERVICE", "NONE")
                .contains(body.propagateTags())) {
            throw EcsException.invalidParameter("Invalid propagateTags '" + body.propagateTags()
                    + "'. Valid values: TASK_DEFINITION, SERVICE, NONE.");
        }
        DeploymentController controller = service.deploymentController();
        if (raw.hasNonNull("deploymentController") && DeploymentController.of(raw) != controller) {
            throw EcsException.invalidParameter("Changing the deployment controller of a service (" + controller
                    + ") is not supported by local-ecs-api; create a new service.");
        }
        controller.checkUpdate(raw);
        ServiceRequests.checkPlacement(context, raw);
        ObjectNode members = service.members().deepCopy();
        for (String member : ServiceRequests.SERVICE_MEMBERS) {
            ServiceRequests.member(raw, member).ifPresent(value -> members.set(member, value.deepCopy()));
        }
        ObjectNode configuration = service.members().path("deploymentConfiguration").deepCopy();
        ServiceRequests.member(raw, "deploymentConfiguration")
                .ifPresent(given -> configuration.setAll((ObjectNode) given.deepCopy()));
        members.set("deploymentConfiguration",
                ServiceRequests.deploymentConfiguration(context, configuration, service.schedulingStrategy()));
        if (controller.usesTaskSets()) {
            // its task sets follow the new desired count at once; nothing else deploys
            StoredService updated = service.withUpdate(desired, service.launchType(), members, service.deployments(),
                    service.steady());
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            return TaskSets.with(updated, TaskSets.of(updated).stream()
                    .map(set -> TaskSets.withComputedDesired(set.deepCopy(), updated.desiredCount(), now)).toList());
        }

        ServiceDeployment primary = service.primary();
        TaskDefinition definition = ServiceRequests.taskDefinition(context,
                body.taskDefinition() != null ? body.taskDefinition() : primary.taskDefinition());
        String launchType = ServiceRequests.member(raw, "capacityProviderStrategy").isPresent()
                ? ServiceRequests.launchType(raw, Optional.of(definition)) : service.launchType();

        ObjectNode deploymentSource = primary.members().deepCopy();
        boolean deploymentMembersChanged = false;
        for (String member : ServiceRequests.DEPLOYMENT_MEMBERS) {
            JsonNode given = raw.get(member);
            if (given != null && !given.isNull() && !given.equals(deploymentSource.get(member))) {
                deploymentSource.set(member, given.deepCopy());
                deploymentMembersChanged = true;
            }
        }
        ServiceRequests.checkNetwork(deploymentSource.get("networkConfiguration"), definition);

        boolean newDeployment = !definition.taskDefinitionArn().equals(primary.taskDefinition())
                || deploymentMembersChanged || Boolean.TRUE.equals(body.forceNewDeployment());
        List<ServiceDeployment> deployments = new ArrayList<>();
        if (newDeployment) {
            deployments.add(ServiceRequests.newDeployment(context, definition.taskDefinitionArn(), desired,
                    launchType, deploymentSource));
            service.deployments().forEach(old -> deployments.add(old.withStatus("ACTIVE")));
        } else {
            deployments.addAll(service.deployments());
        }
        boolean steady = service.steady() && !newDeployment && desired == service.desiredCount();
        StoredService updated = service.withUpdate(desired, launchType, members, deployments, steady);
        return newDeployment ? updated.deploymentStarted(deployments.getFirst(),
                context.clock().instant().toEpochMilli() / 1000.0) : updated;
    }
}
