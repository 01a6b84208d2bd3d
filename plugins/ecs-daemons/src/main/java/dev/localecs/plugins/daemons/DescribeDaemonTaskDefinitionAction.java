package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/** DescribeDaemonTaskDefinition: by family (latest ACTIVE revision), {@code family:revision} or ARN. */
@Extension
public final class DescribeDaemonTaskDefinitionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeDaemonTaskDefinitionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonTaskDefinition) {
    }

    @Override
    public String name() {
        return "DescribeDaemonTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredDaemonTaskDefinition definition = DaemonTaskDefinitions.resolve(DaemonStore.of(context),
                body.daemonTaskDefinition());
        return Map.of("daemonTaskDefinition", DaemonTaskDefinitions.view(context, definition));
    }
}
