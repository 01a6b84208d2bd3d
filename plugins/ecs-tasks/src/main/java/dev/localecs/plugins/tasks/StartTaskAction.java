package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskOverrides;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * StartTask: one task of the EC2 launch type on each named container instance. The local engine is the only
 * instance of a cluster: a reference to anything else is a {@code MISSING} failure, a deregistered instance
 * {@code INACTIVE}, a draining one {@code DRAINING}; resources are checked as for RunTask.
 */
@Extension
public final class StartTaskAction implements EcsAction {
    private static final int MAX_INSTANCES = 10;
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public StartTaskAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required List<String> containerInstances, Boolean enableECSManagedTags,
                   Boolean enableExecuteCommand, String group, RunTaskAction.NetworkConfiguration networkConfiguration,
                   TaskOverride overrides, String propagateTags, String referenceId, String startedBy,
                   List<Tag> tags, @Required String taskDefinition) {
    }

    @Override
    public String name() {
        return "StartTask";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = TaskRefs.cluster(context, body.cluster());
        if (body.containerInstances().isEmpty()) {
            throw EcsException.invalidParameter("Container instances cannot be empty.");
        }
        if (body.containerInstances().size() > MAX_INSTANCES) {
            throw EcsException.invalidParameter("containerInstances can have at most " + MAX_INSTANCES + " items.");
        }
        TaskDefinition definition = context.taskDefinitions().resolve(body.taskDefinition())
                .orElseThrow(EcsException::taskDefinitionNotFound);
        if (!"ACTIVE".equals(definition.status())) {
            throw EcsException.client("TaskDefinition is inactive: " + definition.taskDefinitionArn() + ".");
        }
        if (body.startedBy() != null && body.startedBy().length() > 128) {
            throw EcsException.invalidParameter("startedBy can be at most 128 characters.");
        }
        Optional<String> subnet = RunTaskAction.network(body.networkConfiguration(), definition);
        List<Tag> tags = RunTaskAction.tags(context, body.propagateTags(), body.tags(), definition);
        Optional<TaskOverride> overrides = Optional.ofNullable(body.overrides());
        overrides.ifPresent(o -> TaskOverrides.check(definition, o));
        RunTaskSpec spec = new RunTaskSpec(definition, cluster, overrides, Optional.ofNullable(body.startedBy()),
                body.group() != null ? body.group() : "family:" + definition.family(), "EC2", Optional.empty(),
                Optional.empty(), subnet, Boolean.TRUE.equals(body.enableExecuteCommand()), tags);
        List<Task> tasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : body.containerInstances()) {
            String arn = reference.startsWith("arn:") ? reference
                    : context.arns().containerInstance(cluster, reference);
            if (!context.containerInstances().names(cluster, reference)) {
                failures.add(new Failure(arn, "MISSING", null));
                continue;
            }
            Optional<ContainerInstance> instance = context.containerInstances().find(cluster, reference);
            if (instance.isEmpty()) {
                failures.add(new Failure(arn, "INACTIVE", null));
            } else if (!"ACTIVE".equals(instance.get().status())) {
                failures.add(new Failure(arn, instance.get().status(), null));
            } else {
                RunTaskSpec onInstance = spec.withCapacityProvider(Optional.ofNullable(instance.get()
                        .capacityProviderName()));
                PlacementResult placed = context.containerInstances().place(new PlacementRequest(onInstance, 1,
                        List.of(), List.of(), Optional.of(reference), context.tasks()::run));
                tasks.addAll(placed.tasks());
                failures.addAll(placed.failures());
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("tasks", tasks);
        response.put("failures", failures);
        return response;
    }
}
