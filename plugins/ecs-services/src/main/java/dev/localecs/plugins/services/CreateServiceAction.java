package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * CreateService: validates the request as ECS does, stores the service (ACTIVE; one PRIMARY deployment for the ECS
 * deployment controller, a PRIMARY task set made from the request for CODE_DEPLOY, nothing for EXTERNAL, whose
 * task definition is optional) and wakes the scheduler, which starts its tasks. Every request member is kept and
 * answered back.
 */
@Extension
public final class CreateServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String serviceName, String taskDefinition, Integer desiredCount,
                   String clientToken, String schedulingStrategy, String role, String propagateTags, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "CreateService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        JsonNode raw = request.body();
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceRefs.validateName(body.serviceName());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + body.serviceName();
        StoredService created = store.locked(key, () -> {
            Optional<StoredService> existing = store.find(cluster, body.serviceName())
                    .filter(service -> !"INACTIVE".equals(service.status()));
            if (existing.isPresent()) {
                if (body.clientToken() != null && body.clientToken().equals(existing.get().clientToken())) {
                    return existing.get();
                }
                throw EcsException.invalidParameter("Creation of service was not idempotent.");
            }
            StoredService service = store.put(create(body, raw, cluster));
            if (!service.deploymentController().usesTaskSets()) {
                new ServiceNotifications(context).deploymentInProgress(service, service.primary());
            }
            return service;
        });
        store.wake(key);
        return Map.of("service", ServiceViews.view(context, created, false));
    }

    private StoredService create(Request body, JsonNode raw, String cluster) {
        String strategy = body.schedulingStrategy() == null ? "REPLICA" : body.schedulingStrategy();
        if (!List.of("REPLICA", "DAEMON").contains(strategy)) {
            throw EcsException.invalidParameter("Invalid schedulingStrategy '" + strategy
                    + "'. Valid values: REPLICA, DAEMON.");
        }
        DeploymentController controller = DeploymentController.of(raw);
        int desired;
        if (strategy.equals("DAEMON")) {
            desired = 0; // one per eligible container instance, counted below
        } else if (body.desiredCount() == null) {
            throw EcsException.invalidParameter("desiredCount is required for the REPLICA scheduling strategy.");
        } else if (body.desiredCount() < 0) {
            throw EcsException.invalidParameter("desiredCount must be greater than or equal to 0.");
        } else {
            desired = body.desiredCount();
        }
        if (strategy.equals("DAEMON") && controller.usesTaskSets()) {
            throw EcsException.invalidParameter("The DAEMON scheduling strategy does not support the "
                    + controller.name() + " deployment controller.");
        }
        // an EXTERNAL service may start without a task definition: its task sets name theirs
        Optional<TaskDefinition> definition = controller.requiresTaskDefinition() || body.taskDefinition() != null
                ? Optional.of(ServiceRequests.taskDefinition(context, body.taskDefinition())) : Optional.empty();
        String launchType = ServiceRequests.launchType(raw, definition);
        if (strategy.equals("DAEMON") && launchType.equals("FARGATE")) {
            throw EcsException.invalidParameter("The DAEMON scheduling strategy is not supported for the FARGATE "
                    + "launch type.");
        }
        definition.ifPresent(found -> ServiceRequests.checkNetwork(raw.get("networkConfiguration"), found));
        ServiceRequests.checkPlacement(context, raw);
        String propagate = body.propagateTags() == null ? "NONE" : body.propagateTags();
        if (!List.of("TASK_DEFINITION", "SERVICE", "NONE").contains(propagate)) {
            throw EcsException.invalidParameter("Invalid propagateTags '" + propagate
                    + "'. Valid values: TASK_DEFINITION, SERVICE, NONE.");
        }
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);

        ObjectNode members = context.json().createObjectNode();
        members.putArray("loadBalancers");
        members.putArray("serviceRegistries");
        members.putArray("placementConstraints");
        members.putArray("placementStrategy");
        members.putObject("deploymentController").put("type", "ECS");
        members.put("enableECSManagedTags", false);
        members.put("propagateTags", "NONE");
        members.put("enableExecuteCommand", false);
        for (String member : ServiceRequests.SERVICE_MEMBERS) {
            ServiceRequests.member(raw, member).ifPresent(value -> members.set(member, value.deepCopy()));
        }
        if (launchType.equals("FARGATE") && !members.has("platformVersion")) {
            members.put("platformVersion", "LATEST");
        }
        if (controller.usesTaskSets()) {
            members.putArray(TaskSets.MEMBER);
        }
        members.set("deploymentConfiguration",
                ServiceRequests.deploymentConfiguration(context, raw.get("deploymentConfiguration"), strategy));
        if (body.role() != null) {
            members.put("roleArn", body.role().startsWith("arn:") ? body.role()
                    : "arn:aws:iam::" + context.arns().accountId() + ":role/" + body.role());
        }
        ObjectNode deploymentSource = raw.deepCopy();
        if (members.has("platformVersion")) {
            deploymentSource.set("platformVersion", members.get("platformVersion"));
        }
        String arn = ServiceRefs.arn(context, cluster, body.serviceName());
        context.tags().remove(arn);
        if (!tags.isEmpty()) {
            context.tags().tag(arn, tags);
        }
        if (strategy.equals("DAEMON")) {
            desired = DaemonInstances.eligible(context, cluster, members.path("placementConstraints"), definition)
                    .size();
        }
        double now = context.clock().instant().toEpochMilli() / 1000.0;
        String taskDefinitionArn = definition.map(TaskDefinition::taskDefinitionArn).orElse(null);
        if (controller.usesTaskSets()) {
            // task sets deploy the service: no deployment of its own (DescribeServices answers none, as ECS does)
            StoredService service = new StoredService(arn, body.serviceName(), cluster, "ACTIVE", desired,
                    taskDefinitionArn, launchType, strategy, now, body.clientToken(), members, List.of(), List.of(),
                    false, List.of(), List.of());
            return controller.createsPrimaryTaskSet() ? TaskSets.with(service, List.of(TaskSets.create(context,
                    service, definition.orElseThrow(), launchType, deploymentSource, "PRIMARY", now))) : service;
        }
        ServiceDeployment deployment = ServiceRequests.newDeployment(context, taskDefinitionArn, desired, launchType,
                deploymentSource);
        StoredService service = new StoredService(arn, body.serviceName(), cluster, "ACTIVE", desired,
                taskDefinitionArn, launchType, strategy, now, body.clientToken(), members, List.of(deployment),
                List.of(), false, List.of(), List.of());
        return service.deploymentStarted(deployment, now);
    }
}
