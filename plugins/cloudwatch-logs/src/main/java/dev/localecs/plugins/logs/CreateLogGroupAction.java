package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** CreateLogGroup: a new, empty group, with tags if given. */
@Extension
public final class CreateLogGroupAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateLogGroupAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "CreateLogGroup";
    }

    record Request(String logGroupName, Map<String, String> tags, String kmsKeyId, String logGroupClass) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String name = LogsNames.group(body.logGroupName(), "logGroupName");
        if (body.logGroupClass() != null && !List.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY")
                .contains(body.logGroupClass())) {
            throw LogsErrors.constraint("logGroupClass", body.logGroupClass(),
                    "satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        }
        Map<String, String> tags = body.tags() == null ? Map.of() : body.tags();
        Tags.validate(tags);
        store.createGroup(name, tags);
        return Map.of();
    }
}
