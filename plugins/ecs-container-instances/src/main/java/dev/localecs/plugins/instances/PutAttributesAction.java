package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Attribute;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * PutAttributes: custom attributes, each on the container instance its target names (at most 10 each), which {@code memberOf}
 * constraints and ListContainerInstances filters then see.
 */
@Extension
public final class PutAttributesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutAttributesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<Attribute> attributes) {
    }

    @Override
    public String name() {
        return "PutAttributes";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        Instances.checkAttributes(body.attributes(), true);
        AttributeTargets.requireRegistered(context, cluster, body.attributes());
        context.containerInstances().putAttributes(cluster, body.attributes());
        return Map.of("attributes", body.attributes().stream()
                .map(a -> AttributeTargets.answered(context, cluster, a)).toList());
    }
}
