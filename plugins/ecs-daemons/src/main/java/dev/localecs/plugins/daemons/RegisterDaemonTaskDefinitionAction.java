package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** RegisterDaemonTaskDefinition: checks the definition, stores the family's next revision, tags it. */
@Extension
public final class RegisterDaemonTaskDefinitionAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public RegisterDaemonTaskDefinitionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String family, @Required List<Object> containerDefinitions, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "RegisterDaemonTaskDefinition";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        ObjectNode members = DaemonTaskDefinitions.validate(context, request.body());
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        DaemonStore store = DaemonStore.of(context);
        StoredDaemonTaskDefinition stored = store.locked("definition:" + body.family(), () -> {
            int revision = store.family(body.family()).stream().mapToInt(StoredDaemonTaskDefinition::revision)
                    .max().orElse(0) + 1;
            String arn = DaemonRefs.definitionArn(context, body.family(), revision);
            return store.put(new StoredDaemonTaskDefinition(arn, body.family(), revision, "ACTIVE",
                    DaemonRefs.now(context), null, members));
        });
        context.tags().remove(stored.daemonTaskDefinitionArn());
        if (!tags.isEmpty()) {
            context.tags().tag(stored.daemonTaskDefinitionArn(), tags);
        }
        return Map.of("daemonTaskDefinitionArn", stored.daemonTaskDefinitionArn());
    }
}
