package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.TaskRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DescribeTasks: 1–100 ids or ARNs, answered from memory; unknown ones come back as {@code MISSING}
 * failures (the AWS waiters depend on it); {@code include: ["TAGS"]} adds tags.
 */
@Extension
public final class DescribeTasksAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeTasksAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<String> tasks, List<String> include) {
    }

    @Override
    public String name() {
        return "DescribeTasks";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = TaskRefs.cluster(context, body.cluster());
        if (body.tasks().isEmpty()) {
            throw EcsException.invalidParameter("Tasks cannot be empty.");
        }
        if (body.tasks().size() > 100) {
            throw EcsException.invalidParameter("Tasks cannot contain more than 100 items.");
        }
        List<String> include = body.include() == null ? List.of() : body.include();
        for (String value : include) {
            if (!value.equals("TAGS")) {
                throw EcsException.invalidParameter("Invalid include value '" + value + "'. Valid values: [TAGS].");
            }
        }
        List<Task> tasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.tasks()) {
            Optional<Task> task = TaskRef.taskId(cluster, reference).flatMap(id -> context.tasks().find(cluster, id));
            if (task.isEmpty()) {
                String arn = reference.startsWith("arn:") ? reference : context.arns().task(cluster, reference);
                failures.add(new Failure(arn, "MISSING", null));
            } else {
                tasks.add(include.contains("TAGS") ? task.get() : task.get().withoutTags());
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("tasks", tasks);
        response.put("failures", failures);
        return response;
    }
}
