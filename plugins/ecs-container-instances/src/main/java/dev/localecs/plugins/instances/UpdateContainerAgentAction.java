package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import org.pf4j.Extension;

/**
 * UpdateContainerAgent: the local "agent" is the runtime itself, always current, so the answer is ECS's for
 * an up-to-date agent: {@code NoUpdateAvailableException}.
 */
@Extension
public final class UpdateContainerAgentAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateContainerAgentAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String containerInstance) {
    }

    @Override
    public String name() {
        return "UpdateContainerAgent";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        Instances.required(context, cluster, body.containerInstance());
        throw new EcsException(ErrorCode.NO_UPDATE_AVAILABLE,
                "There is no update available for your container agent.");
    }
}
