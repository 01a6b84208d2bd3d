package dev.localecs.plugins.clusters;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** DescribeClusters: up to 100 names or ARNs (default {@code default}); unknown ones are MISSING failures. */
@Extension
public final class DescribeClustersAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeClustersAction(PluginContext context) {
        this.context = context;
    }

    record Request(List<String> clusters, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeClusters";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> references = body.clusters() == null || body.clusters().isEmpty()
                ? List.of("default") : body.clusters();
        if (references.size() > 100) {
            throw EcsException.invalidParameter("clusters can contain at most 100 items.");
        }
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String value : include) {
            if (!ClusterViews.INCLUDES.contains(value)) {
                throw EcsException.invalidParameter("Invalid include value '" + value + "'. Valid values: "
                        + ClusterViews.INCLUDES + ".");
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : references) {
            String name = ClusterNames.nameOf(reference);
            Optional<Cluster> found = context.clusters().find(name);
            if (found.isPresent()) {
                clusters.add(ClusterViews.view(context, found.get(), include));
            } else {
                failures.add(new Failure(context.arns().cluster(name), "MISSING", null));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clusters", clusters);
        response.put("failures", failures);
        return response;
    }
}
