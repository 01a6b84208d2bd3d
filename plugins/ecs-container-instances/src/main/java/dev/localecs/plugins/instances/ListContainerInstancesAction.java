package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * ListContainerInstances: the registered instances of the cluster that match {@code status}
 * and the cluster query language {@code filter}.
 */
@Extension
public final class ListContainerInstancesAction implements EcsAction {
    static final List<String> STATUSES = List.of("ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING",
            "REGISTRATION_FAILED");
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListContainerInstancesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String filter, String nextToken, Integer maxResults, String status) {
    }

    @Override
    public String name() {
        return "ListContainerInstances";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        if (body.status() != null && !STATUSES.contains(body.status())) {
            throw EcsException.invalidParameter("Invalid status '" + body.status() + "'. Valid values: "
                    + String.join(", ", STATUSES) + ".");
        }
        List<String> arns = context.containerInstances().list(cluster, Optional.ofNullable(body.filter()),
                Optional.ofNullable(body.status())).stream().map(ContainerInstance::containerInstanceArn).toList();
        Page<String> page = Page.of(arns, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("containerInstanceArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
