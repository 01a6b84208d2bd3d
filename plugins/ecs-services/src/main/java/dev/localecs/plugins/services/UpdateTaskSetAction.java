package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.Map;
import org.pf4j.Extension;

/**
 * UpdateTaskSet: a task set's {@code scale} (percent of the service's desired count); its computed desired count
 * follows at once and the {@link TaskSetReconciler} starts or stops tasks to match.
 */
@Extension
public final class UpdateTaskSetAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateTaskSetAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required String service, @Required String taskSet) {
    }

    @Override
    public String name() {
        return "UpdateTaskSet";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (!request.body().hasNonNull("scale")) {
            throw EcsException.invalidParameter("scale is required.");
        }
        ObjectNode scale = TaskSets.scale(context, request.body().get("scale"));
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        ObjectNode updated = store.locked(key, () -> {
            StoredService service = TaskSets.taskSetService(store, cluster, body.service());
            ObjectNode set = TaskSets.existing(service, body.taskSet());
            if ("DRAINING".equals(set.path("status").asText())) {
                throw EcsException.invalidParameter("The task set " + set.path("id").asText()
                        + " is DRAINING and cannot be updated.");
            }
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            String id = set.path("id").asText();
            StoredService changed = TaskSets.change(service, id, copy -> {
                copy.set("scale", scale);
                copy.put("updatedAt", now);
                return TaskSets.withComputedDesired(copy, service.desiredCount(), now);
            });
            store.put(changed);
            return TaskSets.existing(changed, id);
        });
        store.wake(key);
        return Map.of("taskSet", TaskSetViews.view(context, updated, false));
    }
}
