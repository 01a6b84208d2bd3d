package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeleteDaemonTaskDefinition: the revision becomes {@code DELETE_IN_PROGRESS}; the daemon scheduler marks it
 * {@code DELETED} once no daemon runs it. A family without a revision number is refused, as ECS refuses it.
 */
@Extension
public final class DeleteDaemonTaskDefinitionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteDaemonTaskDefinitionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonTaskDefinition) {
    }

    @Override
    public String name() {
        return "DeleteDaemonTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (!body.daemonTaskDefinition().matches(".*:\\d+")) {
            throw EcsException.client("The daemon task definition '" + body.daemonTaskDefinition() + "' must "
                    + "include a revision (family:revision or the full ARN).");
        }
        DaemonStore store = DaemonStore.of(context);
        StoredDaemonTaskDefinition found = DaemonTaskDefinitions.resolve(store, body.daemonTaskDefinition());
        StoredDaemonTaskDefinition deleted = store.locked("definition:" + found.family(), () -> {
            StoredDaemonTaskDefinition current = store.definition(found.family(), found.revision()).orElseThrow();
            if (!"ACTIVE".equals(current.status())) {
                return current;
            }
            return store.put(current.withStatus("DELETE_IN_PROGRESS", DaemonRefs.now(context)));
        });
        store.daemons().forEach(daemon -> store.wake(daemon.key()));
        return Map.of("daemonTaskDefinitionArn", deleted.daemonTaskDefinitionArn());
    }
}
