package dev.localecs.plugins.gateways;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** DisassociateGatewayFromCluster: ends an ACTIVE association at once (no load balancer rules to remove locally), so it answers {@code INACTIVE}. */
@Extension
public final class DisassociateGatewayFromClusterAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DisassociateGatewayFromClusterAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway, @Required String cluster) {
    }

    @Override
    public String name() {
        return "DisassociateGatewayFromCluster";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ClusterRef.parse(body.cluster()).name();
        GatewayStore store = GatewayStore.of(context);
        return store.locked(() -> {
            StoredGateway gateway = GatewayRefs.existing(store, body.gateway());
            if (!gateway.activeClusters().contains(cluster)) {
                GatewayRefs.cluster(context, body.cluster());
                throw EcsException.invalidParameter("The gateway " + gateway.name() + " is not associated with "
                        + "cluster " + cluster + ".");
            }
            GatewayAssociation association = new GatewayAssociation(cluster, "INACTIVE", GatewayRefs.now(context));
            StoredGateway updated = store.put(gateway.withAssociation(association));
            return GatewayViews.association(context, updated, association);
        });
    }
}
