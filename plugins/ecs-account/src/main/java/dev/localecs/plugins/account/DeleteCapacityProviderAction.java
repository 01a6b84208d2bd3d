package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.CapacityProvider;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeleteCapacityProvider: INACTIVE (still describable by name, then gone from lists). A provider still
 * associated with a cluster is not deleted: as on ECS, the answer keeps it ACTIVE with {@code updateStatus}
 * DELETE_FAILED and the reason naming the cluster.
 */
@Extension
public final class DeleteCapacityProviderAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteCapacityProviderAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String capacityProvider, String cluster) {
    }

    @Override
    public String name() {
        return "DeleteCapacityProvider";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        synchronized (context.capacityProviders()) {
            CapacityProvider current = Providers.find(context, body.capacityProvider())
                    .filter(p -> !"INACTIVE".equals(p.status())).orElseThrow(Providers::notFound);
            if (Providers.builtIn(current.name())) {
                throw EcsException.invalidParameter("The FARGATE and FARGATE_SPOT capacity providers are reserved "
                        + "and cannot be deleted.");
            }
            List<String> clusters = Providers.clustersUsing(context, current.name());
            CapacityProvider result;
            if (!clusters.isEmpty()) {
                result = new CapacityProvider(current.capacityProviderArn(), current.name(), current.cluster(),
                        "ACTIVE", current.autoScalingGroupProvider(), current.managedInstancesProvider(),
                        "DELETE_FAILED", "The capacity provider cannot be deleted because it is associated with "
                        + "cluster: " + clusters.get(0) + ". Remove the capacity provider from the cluster and try "
                        + "again.", null, current.type());
            } else {
                result = new CapacityProvider(current.capacityProviderArn(), current.name(), current.cluster(),
                        "INACTIVE", current.autoScalingGroupProvider(), current.managedInstancesProvider(),
                        "DELETE_COMPLETE", null, null, current.type());
                context.tags().remove(current.capacityProviderArn());
            }
            context.capacityProviders().put(result);
            return Map.of("capacityProvider", Providers.view(context, result, false));
        }
    }
}
