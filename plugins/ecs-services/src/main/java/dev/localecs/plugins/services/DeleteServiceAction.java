package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeleteService: refused while the service is scaled above 0 unless {@code force}; the service becomes DRAINING
 * (desired count 0), the scheduler stops its tasks and marks it INACTIVE once they have stopped. INACTIVE services
 * stay describable.
 */
@Extension
public final class DeleteServiceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteServiceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String service, Boolean force) {
    }

    @Override
    public String name() {
        return "DeleteService";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        ServiceStore store = ServiceStore.of(context);
        String key = cluster + "/" + ServiceRefs.serviceName(body.service());
        StoredService draining = store.locked(key, () -> {
            StoredService service = ServiceRefs.existing(store, cluster, body.service());
            if ("INACTIVE".equals(service.status())) {
                throw new EcsException(dev.localecs.api.error.ErrorCode.SERVICE_NOT_ACTIVE,
                        "Service was not ACTIVE.");
            }
            if ("DRAINING".equals(service.status())) {
                return service;
            }
            if (service.desiredCount() > 0 && !Boolean.TRUE.equals(body.force())
                    && "REPLICA".equals(service.schedulingStrategy())) {
                throw EcsException.invalidParameter("The service cannot be stopped while it is scaled above 0.");
            }
            return store.put(service.withStatus("DRAINING", 0));
        });
        store.wake(key);
        return Map.of("service", ServiceViews.view(context, draining, false));
    }
}
