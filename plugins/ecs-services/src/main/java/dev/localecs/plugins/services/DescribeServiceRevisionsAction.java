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

/** DescribeServiceRevisions: service revisions by ARN; unknown ARNs are {@code MISSING} failures. */
@Extension
public final class DescribeServiceRevisionsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeServiceRevisionsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required List<String> serviceRevisionArns) {
    }

    @Override
    public String name() {
        return "DescribeServiceRevisions";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.serviceRevisionArns().isEmpty() || body.serviceRevisionArns().size() > 20) {
            throw EcsException.invalidParameter("serviceRevisionArns should have between 1 and 20 items.");
        }
        ServiceStore store = ServiceStore.of(context);
        List<Object> revisions = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : body.serviceRevisionArns()) {
            Optional<Object> found = ServiceDeploymentViews.parse(arn, "service-revision").flatMap(parts ->
                    store.find(parts.cluster(), parts.service()).flatMap(service -> service.revision(parts.id())
                            .map(revision -> ServiceDeploymentViews.revision(context, service, revision))));
            found.ifPresentOrElse(revisions::add, () -> failures.add(new Failure(arn, "MISSING", null)));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("serviceRevisions", revisions);
        response.put("failures", failures);
        return response;
    }
}
