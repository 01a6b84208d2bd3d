package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Attribute;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** DeleteAttributes: removes custom attributes, each from the container instance its target names. */
@Extension
public final class DeleteAttributesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteAttributesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<Attribute> attributes) {
    }

    @Override
    public String name() {
        return "DeleteAttributes";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        Instances.checkAttributes(body.attributes(), false);
        AttributeTargets.requireRegistered(context, cluster, body.attributes());
        context.containerInstances().deleteAttributes(cluster, body.attributes());
        return Map.of("attributes", body.attributes().stream()
                .map(a -> AttributeTargets.answered(context, cluster, a)).toList());
    }
}
