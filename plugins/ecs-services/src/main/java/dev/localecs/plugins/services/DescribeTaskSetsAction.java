package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * DescribeTaskSets: the task sets of a service with the CODE_DEPLOY or EXTERNAL deployment controller (all, or those
 * named by id or ARN; an unknown one is a {@code MISSING} failure), with their tags on {@code include: [TAGS]}.
 */
@Extension
public final class DescribeTaskSetsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeTaskSetsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required String service, List<String> taskSets, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeTaskSets";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String item : include) {
            if (!item.equals("TAGS")) {
                throw EcsException.invalidParameter("Invalid include '" + item + "'. Valid values: TAGS.");
            }
        }
        String cluster = ServiceRefs.cluster(context, body.cluster());
        StoredService service = TaskSets.taskSetService(ServiceStore.of(context), cluster, body.service());
        boolean tags = include.contains("TAGS");
        List<ObjectNode> sets = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (body.taskSets() == null || body.taskSets().isEmpty()) {
            TaskSets.of(service).forEach(set -> sets.add(TaskSetViews.view(context, set, tags)));
        } else {
            for (String reference : body.taskSets()) {
                Optional<ObjectNode> set = TaskSets.find(service, reference);
                if (set.isPresent()) {
                    sets.add(TaskSetViews.view(context, set.get(), tags));
                } else {
                    failures.add(new Failure(reference, "MISSING", null));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("taskSets", sets);
        answer.put("failures", failures);
        return answer;
    }
}
