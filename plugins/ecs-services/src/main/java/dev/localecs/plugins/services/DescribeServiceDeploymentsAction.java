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

/** DescribeServiceDeployments: service deployments by ARN; unknown ARNs are {@code MISSING} failures. */
@Extension
public final class DescribeServiceDeploymentsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeServiceDeploymentsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required List<String> serviceDeploymentArns) {
    }

    @Override
    public String name() {
        return "DescribeServiceDeployments";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.serviceDeploymentArns().isEmpty() || body.serviceDeploymentArns().size() > 20) {
            throw EcsException.invalidParameter("serviceDeploymentArns should have between 1 and 20 items.");
        }
        ServiceStore store = ServiceStore.of(context);
        List<Object> deployments = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : body.serviceDeploymentArns()) {
            Optional<Object> found = ServiceDeploymentViews.parse(arn, "service-deployment").flatMap(parts ->
                    store.find(parts.cluster(), parts.service()).flatMap(service -> service.history().stream()
                            .filter(record -> record.id().equals(parts.id())).findFirst()
                            .map(record -> ServiceDeploymentViews.full(context, service, record))));
            found.ifPresentOrElse(deployments::add, () -> failures.add(new Failure(arn, "MISSING", null)));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("serviceDeployments", deployments);
        response.put("failures", failures);
        return response;
    }
}
