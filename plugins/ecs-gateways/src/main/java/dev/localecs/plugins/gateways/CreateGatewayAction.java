package dev.localecs.plugins.gateways;

import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Optional;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import org.pf4j.Extension;

/** CreateGateway: checks the request as ECS does and stores the gateway (ACTIVE); a repeated call with the same {@code clientToken} answers the existing gateway, another gateway of the same name is a {@code ConflictException}. */
@Extension
public final class CreateGatewayAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateGatewayAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String name, @Required String infrastructureRoleArn, String clientToken,
                   Boolean deletionProtection, String propagateTags, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "CreateGateway";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        GatewayRefs.validateName(body.name());
        String role = GatewayConfigurations.role(body.infrastructureRoleArn());
        if (!request.body().has("configuration")) {
            throw EcsException.invalidParameter("configuration is required.");
        }
        var alb = GatewayConfigurations.create(context, request.body().get("configuration"));
        String propagate = GatewayConfigurations.propagateTags(body.propagateTags(), "NONE");
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        GatewayStore store = GatewayStore.of(context);
        StoredGateway gateway = store.locked(() -> {
            Optional<StoredGateway> existing = store.find(body.name());
            if (existing.isPresent()) {
                if (body.clientToken() != null && body.clientToken().equals(existing.get().clientToken())) {
                    return existing.get();
                }
                throw new EcsException(ErrorCode.CONFLICT, "A gateway named '" + body.name() + "' already exists.");
            }
            double now = GatewayRefs.now(context);
            String arn = GatewayRefs.arn(context, body.name());
            context.tags().remove(arn);
            if (!tags.isEmpty()) {
                context.tags().tag(arn, tags);
            }
            return store.put(new StoredGateway(arn, body.name(), "ACTIVE", role,
                    Boolean.TRUE.equals(body.deletionProtection()), alb, propagate, body.clientToken(), now, now,
                    List.of()));
        });
        return GatewayViews.change(gateway, gateway.status());
    }
}
