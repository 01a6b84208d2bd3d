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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * CreateTaskSet: a task set of a service with the EXTERNAL or CODE_DEPLOY deployment controller (on ECS, CodeDeploy
 * makes the task sets of a CODE_DEPLOY service through this call; locally the caller stands in for it), ACTIVE
 * (UpdateServicePrimaryTaskSet makes one PRIMARY), scaled to {@code scale} percent of the service's desired count
 * (100 % by default); the {@link TaskSetReconciler} runs its tasks. Idempotent with a {@code clientToken}
 * ({@link TaskSetTokens}); at most {@link TaskSets#MAX_PER_SERVICE} task sets per service.
 */
@Extension
public final class CreateTaskSetAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateTaskSetAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String service, @Required String cluster, @Required String taskDefinition,
                   String externalId, String clientToken, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "CreateTaskSet";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        JsonNode raw = request.body();
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String name = ServiceRefs.serviceName(body.service());
        String key = cluster + "/" + name;
        ObjectNode created = store.locked(key, () -> {
            StoredService service = TaskSets.taskSetService(store, cluster, body.service());
            ObjectNode compared = TaskSetTokens.request(raw, cluster, service.serviceName());
            if (body.clientToken() != null) {
                Optional<ObjectNode> earlier = TaskSetTokens.earlier(store, cluster, body.clientToken(), compared);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            List<ObjectNode> sets = new ArrayList<>(TaskSets.of(service));
            if (sets.size() >= TaskSets.MAX_PER_SERVICE) {
                throw EcsException.invalidParameter(sets.size() + " deployments exist on the service. Unable to "
                        + "create new TaskSet since this exceeds the maximum limit.");
            }
            TaskDefinition definition = ServiceRequests.taskDefinition(context, body.taskDefinition());
            String launchType = ServiceRequests.launchType(raw, Optional.of(definition));
            ServiceRequests.checkNetwork(raw.get("networkConfiguration"), definition);
            List<Tag> tags = body.tags() == null ? List.of() : body.tags();
            context.tags().validate(tags);
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            ObjectNode set = TaskSets.create(context, service, definition, launchType, raw, "ACTIVE", now);
            if (body.externalId() != null) {
                set.put("externalId", body.externalId());
            }
            if (service.deploymentController() == DeploymentController.CODE_DEPLOY) {
                // ECS: "If an CodeDeploy deployment created the task set, the startedBy parameter is CODE_DEPLOY."
                set.put("startedBy", "CODE_DEPLOY");
            }
            if (body.clientToken() != null) {
                TaskSetTokens.remember(set, body.clientToken(), compared);
            }
            String arn = set.path("taskSetArn").asText();
            context.tags().remove(arn);
            if (!tags.isEmpty()) {
                context.tags().tag(arn, tags);
            }
            sets.add(set);
            store.put(TaskSets.with(service, sets));
            return set;
        });
        store.wake(key);
        return Map.of("taskSet", TaskSetViews.view(context, created, false));
    }
}
