package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DescribeContainerInstances: the registered instance each reference names, {@code MISSING} failures
 * for the others; {@code include} adds TAGS and CONTAINER_INSTANCE_HEALTH (the Docker engine's reachability).
 */
@Extension
public final class DescribeContainerInstancesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeContainerInstancesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<String> containerInstances, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeContainerInstances";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        Instances.checkInclude(body.include());
        if (body.containerInstances().isEmpty()) {
            throw EcsException.client("Container Instances cannot be empty.");
        }
        if (body.containerInstances().size() > 100) {
            throw EcsException.invalidParameter("containerInstances can have at most 100 items.");
        }
        List<ContainerInstance> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.containerInstances()) {
            Optional<ContainerInstance> instance = Instances.registered(context, cluster, reference);
            if (instance.isPresent()) {
                if (found.stream().noneMatch(i -> i.containerInstanceArn().equals(instance.get()
                        .containerInstanceArn()))) {
                    found.add(Instances.view(context, instance.get(), body.include()));
                }
            } else {
                failures.add(new Failure(Instances.arnOf(context, cluster, reference), "MISSING", null));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("containerInstances", found);
        response.put("failures", failures);
        return response;
    }
}
