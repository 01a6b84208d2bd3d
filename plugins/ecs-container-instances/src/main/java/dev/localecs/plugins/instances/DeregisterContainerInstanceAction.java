package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.ContainerInstance;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeregisterContainerInstance: takes the local engine out of a cluster (INACTIVE); EC2 tasks then find no
 * instance. With tasks still on it, only {@code force} does it, and the tasks keep running, as on ECS.
 */
@Extension
public final class DeregisterContainerInstanceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeregisterContainerInstanceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String containerInstance, Boolean force) {
    }

    @Override
    public String name() {
        return "DeregisterContainerInstance";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        Instances.required(context, cluster, body.containerInstance());
        ContainerInstance instance = context.containerInstances().deregister(cluster,
                body.containerInstance(), Boolean.TRUE.equals(body.force()));
        InstanceStateEvents.publish(context, cluster, instance);
        return Map.of("containerInstance", instance);
    }
}
