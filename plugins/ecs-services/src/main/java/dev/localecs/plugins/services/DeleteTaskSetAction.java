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
 * DeleteTaskSet: the task set becomes DRAINING, the {@link TaskSetReconciler} stops its tasks and forgets it when
 * none is left. A task set still scaled above zero is deleted only with {@code force}.
 */
@Extension
public final class DeleteTaskSetAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteTaskSetAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required String service, @Required String taskSet, Boolean force) {
    }

    @Override
    public String name() {
        return "DeleteTaskSet";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        ObjectNode deleted = store.locked(key, () -> {
            StoredService service = TaskSets.taskSetService(store, cluster, body.service());
            ObjectNode set = TaskSets.existing(service, body.taskSet());
            if (!Boolean.TRUE.equals(body.force()) && set.path("computedDesiredCount").asInt() > 0) {
                throw EcsException.invalidParameter("The task set " + set.path("id").asText() + " has not been "
                        + "scaled down to zero; scale it to 0 with UpdateTaskSet or delete it with force.");
            }
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            String id = set.path("id").asText();
            StoredService changed = TaskSets.change(service, id, copy -> {
                copy.put("status", "DRAINING");
                copy.put("computedDesiredCount", 0);
                copy.put("updatedAt", now);
                return copy;
            });
            store.put(changed);
            return TaskSets.existing(changed, id);
        });
        store.wake(key);
        return Map.of("taskSet", TaskSetViews.view(context, deleted, false));
    }
}
