package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * UpdateContainerInstancesState: ACTIVE or DRAINING. A DRAINING instance takes no new tasks (RunTask and
 * StartTask say so); the tasks on it keep running.
 */
@Extension
public final class UpdateContainerInstancesStateAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateContainerInstancesStateAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<String> containerInstances, @Required String status) {
    }

    @Override
    public String name() {
        return "UpdateContainerInstancesState";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        if (!List.of("ACTIVE", "DRAINING").contains(body.status())) {
            throw EcsException.invalidParameter("Container instances status can only be updated to ACTIVE or "
                    + "DRAINING.");
        }
        if (body.containerInstances().isEmpty()) {
            throw EcsException.client("Container Instances cannot be empty.");
        }
        if (body.containerInstances().size() > 10) {
            throw EcsException.invalidParameter("containerInstances can have at most 10 items.");
        }
        List<ContainerInstance> updated = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.containerInstances()) {
            Optional<ContainerInstance> instance = Instances.registered(context, cluster, reference);
            if (instance.isEmpty()) {
                failures.add(new Failure(Instances.arnOf(context, cluster, reference), "MISSING", null));
            } else if (updated.stream().noneMatch(i -> i.containerInstanceArn().equals(instance.get()
                    .containerInstanceArn()))) {
                ContainerInstance now = context.containerInstances().updateStatus(cluster, reference, body.status());
                updated.add(now);
                if (!now.status().equals(instance.get().status())) {
                    InstanceStateEvents.publish(context, cluster, now);
                }
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("containerInstances", updated);
        response.put("failures", failures);
        return response;
    }
}
