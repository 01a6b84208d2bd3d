package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * CreateTaskSet: a task set of a service with the EXTERNAL deployment controller, ACTIVE (UpdateServicePrimaryTaskSet
 * makes one PRIMARY), scaled to {@code scale} percent of the service's desired count (100 % by default); the
 * {@link TaskSetReconciler} runs its tasks.
 */
@Extension
public final class CreateTaskSetAction implements EcsAction {
    private static final List<String> MEMBERS = List.of("networkConfiguration", "capacityProviderStrategy",
            "platformVersion");
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
                   String externalId, List<Tag> tags) {
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
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        ObjectNode created = store.locked(key, () -> {
            StoredService service = TaskSets.externalService(store, cluster, body.service());
            TaskDefinition definition = ServiceRequests.taskDefinition(context, body.taskDefinition());
            String launchType = ServiceRequests.launchType(raw, definition);
            ServiceRequests.checkNetwork(raw.get("networkConfiguration"), definition);
            List<Tag> tags = body.tags() == null ? List.of() : body.tags();
            context.tags().validate(tags);
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            String id = ServiceRequests.deploymentId();
            ObjectNode set = context.json().createObjectNode();
            set.put("id", id);
            set.put("taskSetArn", TaskSets.arn(context, service, id));
            set.put("serviceArn", service.serviceArn());
            set.put("clusterArn", context.arns().cluster(cluster));
            if (body.externalId() != null) {
                set.put("externalId", body.externalId());
            }
            set.put("status", "ACTIVE");
            set.put("taskDefinition", definition.taskDefinitionArn());
            ObjectNode scale = TaskSets.scale(context, raw.get("scale"));
            set.set("scale", scale);
            set.put("computedDesiredCount", TaskSets.computedDesired(service.desiredCount(), set));
            set.put("pendingCount", 0);
            set.put("runningCount", 0);
            set.put("createdAt", now);
            set.put("updatedAt", now);
            if (!raw.hasNonNull("capacityProviderStrategy")) {
                set.put("launchType", launchType);
            }
            for (String member : MEMBERS) {
                ServiceRequests.member(raw, member).ifPresent(value -> set.set(member, value.deepCopy()));
            }
            if (launchType.equals("FARGATE") && !set.has("platformVersion")) {
                set.put("platformVersion", "LATEST");
            }
            set.set("loadBalancers", ServiceRequests.member(raw, "loadBalancers").<JsonNode>map(JsonNode::deepCopy)
                    .orElse(context.json().createArrayNode()));
            set.set("serviceRegistries", ServiceRequests.member(raw, "serviceRegistries").<JsonNode>map(JsonNode::deepCopy)
                    .orElse(context.json().createArrayNode()));
            set.put("stabilityStatus", "STABILIZING");
            set.put("stabilityStatusAt", now);
            String arn = set.path("taskSetArn").asText();
            context.tags().remove(arn);
            if (!tags.isEmpty()) {
                context.tags().tag(arn, tags);
            }
            List<ObjectNode> sets = new ArrayList<>(TaskSets.of(service));
            sets.add(set);
            store.put(TaskSets.with(service, sets));
            return set;
        });
        store.wake(key);
        return Map.of("taskSet", TaskSetViews.view(context, created, false));
    }
}
