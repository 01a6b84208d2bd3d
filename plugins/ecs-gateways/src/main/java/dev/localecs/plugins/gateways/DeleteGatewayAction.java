package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.List;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** DeleteGateway: refused while deletion protection is on ({@code InvalidParameterException}) or while a cluster is associated ({@code ResourceInUseException}); then the gateway is gone and answers {@code DELETED}. */
@Extension
public final class DeleteGatewayAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteGatewayAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway) {
    }

    @Override
    public String name() {
        return "DeleteGateway";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        GatewayStore store = GatewayStore.of(context);
        StoredGateway deleted = store.locked(() -> {
            StoredGateway gateway = GatewayRefs.existing(store, body.gateway());
            if (gateway.deletionProtection()) {
                throw EcsException.invalidParameter("The gateway " + gateway.name() + " has deletion protection "
                        + "enabled. Disable it with UpdateGateway before deleting the gateway.");
            }
            List<String> clusters = gateway.activeClusters();
            if (!clusters.isEmpty()) {
                throw new EcsException(ErrorCode.RESOURCE_IN_USE, "The gateway " + gateway.name() + " is associated "
                        + "with clusters " + String.join(", ", clusters) + ". Disassociate all clusters before "
                        + "deleting the gateway.");
            }
            store.remove(gateway);
            return gateway;
        });
        context.tags().remove(deleted.gatewayArn());
        return GatewayViews.change(deleted, "DELETED");
    }
}
