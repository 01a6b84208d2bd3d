package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** UpdateGateway: changes the role, deletion protection, propagateTags and the updatable {@code hostSharedAlb} members; the change is complete when it answers, so the gateway stays ACTIVE. */
@Extension
public final class UpdateGatewayAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateGatewayAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String gateway, String infrastructureRoleArn, Boolean deletionProtection,
                   String propagateTags) {
    }

    @Override
    public String name() {
        return "UpdateGateway";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        GatewayStore store = GatewayStore.of(context);
        StoredGateway updated = store.locked(() -> {
            StoredGateway gateway = GatewayRefs.existing(store, body.gateway());
            String role = body.infrastructureRoleArn() == null ? gateway.infrastructureRoleArn()
                    : GatewayConfigurations.role(body.infrastructureRoleArn());
            boolean protection = body.deletionProtection() == null ? gateway.deletionProtection()
                    : body.deletionProtection();
            var alb = GatewayConfigurations.update(gateway.hostSharedAlb(), request.body().path("configuration"));
            String propagate = GatewayConfigurations.propagateTags(body.propagateTags(), gateway.propagateTags());
            return store.put(gateway.updated(role, protection, alb, propagate, GatewayRefs.now(context)));
        });
        return GatewayViews.change(updated, updated.status());
    }
}
