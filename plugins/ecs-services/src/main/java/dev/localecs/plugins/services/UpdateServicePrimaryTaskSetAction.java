package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * UpdateServicePrimaryTaskSet: the named task set becomes PRIMARY, the former PRIMARY one ACTIVE; the service
 * answers the primary task set's task definition (ECS: "parameters of the primary task set transition to the
 * service").
 */
@Extension
public final class UpdateServicePrimaryTaskSetAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateServicePrimaryTaskSetAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required String service, @Required String primaryTaskSet) {
    }

    @Override
    public String name() {
        return "UpdateServicePrimaryTaskSet";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        ObjectNode primary = store.locked(key, () -> {
            StoredService service = TaskSets.taskSetService(store, cluster, body.service());
            ObjectNode chosen = TaskSets.existing(service, body.primaryTaskSet());
            if ("DRAINING".equals(chosen.path("status").asText())) {
                throw EcsException.invalidParameter("The task set " + chosen.path("id").asText()
                        + " is DRAINING and cannot become the primary task set.");
            }
            String id = chosen.path("id").asText();
            double now = context.clock().instant().toEpochMilli() / 1000.0;
            List<ObjectNode> sets = TaskSets.of(service).stream().map(set -> {
                ObjectNode copy = set.deepCopy();
                String status = copy.path("status").asText();
                if (copy.path("id").asText().equals(id)) {
                    copy.put("status", "PRIMARY");
                    copy.put("updatedAt", now);
                } else if (status.equals("PRIMARY")) {
                    copy.put("status", "ACTIVE");
                    copy.put("updatedAt", now);
                }
                return copy;
            }).toList();
            StoredService changed = TaskSets.with(service, sets);
            ObjectNode members = changed.members().deepCopy();
            members.put("taskDefinition", chosen.path("taskDefinition").asText());
            changed = changed.withMembers(members);
            store.put(changed);
            return TaskSets.existing(changed, id);
        });
        store.wake(key);
        return Map.of("taskSet", TaskSetViews.view(context, primary, false));
    }
}
