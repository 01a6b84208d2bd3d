package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DescribeServices: up to 10 services of a cluster by name or ARN, in any status (INACTIVE ones included), with
 * their tags on {@code include: [TAGS]}; an unknown one is a {@code MISSING} failure.
 */
@Extension
public final class DescribeServicesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeServicesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<String> services, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeServices";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = ServiceRefs.cluster(context, body.cluster());
        if (body.services().isEmpty() || body.services().size() > 10) {
            throw EcsException.invalidParameter("services should have between 1 and 10 items.");
        }
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String item : include) {
            if (!item.equals("TAGS")) {
                throw EcsException.invalidParameter("Invalid include '" + item + "'. Valid values: TAGS.");
            }
        }
        ServiceStore store = ServiceStore.of(context);
        List<Object> services = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.services()) {
            Optional<StoredService> service = store.find(cluster, ServiceRefs.serviceName(reference));
            if (service.isPresent()) {
                services.add(ServiceViews.view(context, service.get(), include.contains("TAGS")));
            } else {
                String arn = reference.startsWith("arn:") ? reference
                        : ServiceRefs.arn(context, cluster, reference);
                failures.add(new Failure(arn, "MISSING", null));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("services", services);
        response.put("failures", failures);
        return response;
    }
}
