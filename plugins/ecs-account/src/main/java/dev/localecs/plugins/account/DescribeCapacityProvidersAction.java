package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.CapacityProvider;
import dev.localecs.api.model.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DescribeCapacityProviders: the named providers (any status; {@code MISSING} failures for unknown names), or
 * every provider not INACTIVE — FARGATE and FARGATE_SPOT first — paginated; tags with {@code include TAGS}.
 */
@Extension
public final class DescribeCapacityProvidersAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeCapacityProvidersAction(PluginContext context) {
        this.context = context;
    }

    record Request(List<String> capacityProviders, String cluster, List<String> include, Integer maxResults,
                   String nextToken) {
    }

    @Override
    public String name() {
        return "DescribeCapacityProviders";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String field : include) {
            if (!field.equals("TAGS")) {
                throw EcsException.invalidParameter("Invalid include '" + field + "'. Valid values: TAGS.");
            }
        }
        boolean tags = include.contains("TAGS");
        Map<String, Object> response = new LinkedHashMap<>();
        if (body.capacityProviders() != null && !body.capacityProviders().isEmpty()) {
            if (body.capacityProviders().size() > 100) {
                throw EcsException.invalidParameter("capacityProviders can have at most 100 items.");
            }
            List<CapacityProvider> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String reference : body.capacityProviders()) {
                Optional<CapacityProvider> provider = Providers.find(context, reference);
                if (provider.isPresent()) {
                    found.add(Providers.view(context, provider.get(), tags));
                } else {
                    failures.add(new Failure(reference.startsWith("arn:") ? reference
                            : context.arns().capacityProvider(reference), "MISSING", null));
                }
            }
            response.put("capacityProviders", found);
            response.put("failures", failures);
            return response;
        }
        if (body.maxResults() != null && (body.maxResults() < 1 || body.maxResults() > 10)) {
            throw EcsException.invalidParameter("maxResults must be between 1 and 10.");
        }
        List<CapacityProvider> all = context.capacityProviders().list().stream()
                .filter(p -> !"INACTIVE".equals(p.status())).map(p -> Providers.view(context, p, tags)).toList();
        Page<CapacityProvider> page = Page.of(all, body.maxResults(), body.nextToken(), 10, 10);
        response.put("capacityProviders", page.items());
        response.put("failures", List.of());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
