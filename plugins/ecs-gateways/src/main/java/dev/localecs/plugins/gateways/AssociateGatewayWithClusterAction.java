package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** AssociateGatewayWithCluster: the cluster must exist (ACTIVE) and have fewer than five gateways; associating an associated pair is refused. */
@Extension
public final class AssociateGatewayWithClusterAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public AssociateGatewayWithClusterAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway, @Required String cluster) {
    }

    @Override
    public String name() {
        return "AssociateGatewayWithCluster";
    }

    /** ECS allows five gateways per cluster. */
    static final int MAX_GATEWAYS_PER_CLUSTER = 5;

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = GatewayRefs.cluster(context, body.cluster());
        GatewayStore store = GatewayStore.of(context);
        return store.locked(() -> {
            StoredGateway gateway = GatewayRefs.existing(store, body.gateway());
            if (gateway.activeClusters().contains(cluster)) {
                throw EcsException.invalidParameter("The gateway " + gateway.name() + " is already associated with "
                        + "cluster " + cluster + ".");
            }
            long associated = store.all().stream().filter(g -> g.activeClusters().contains(cluster)).count();
            if (associated >= MAX_GATEWAYS_PER_CLUSTER) {
                throw EcsException.client("The cluster " + cluster + " is already associated with "
                        + MAX_GATEWAYS_PER_CLUSTER + " gateways, the most a cluster can have.");
            }
            GatewayAssociation association = new GatewayAssociation(cluster, "ACTIVE", GatewayRefs.now(context));
            StoredGateway updated = store.put(gateway.withAssociation(association));
            return GatewayViews.association(context, updated, association);
        });
    }
}
