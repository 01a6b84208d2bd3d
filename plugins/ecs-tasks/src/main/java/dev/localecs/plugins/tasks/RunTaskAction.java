package dev.localecs.plugins.tasks;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.LaunchTypes;
import dev.localecs.api.PlacementChecks;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskOverrides;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;

/**
 * RunTask: validates the request as ECS does and launches {@code count} tasks on the local engine; the
 * answer comes at once with PROVISIONING/PENDING tasks. A repeated {@code clientToken} returns the tasks
 * of the first request.
 */
@Extension
public final class RunTaskAction implements EcsAction {
    private final PluginContext context;
    private final Map<String, List<String>> clientTokens = new ConcurrentHashMap<>();

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public RunTaskAction(PluginContext context) {
        this.context = context;
    }

    record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {
    }

    record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {
    }

    record Request(List<CapacityProviderStrategyItem> capacityProviderStrategy, String cluster, Integer count,
                   Boolean enableECSManagedTags, Boolean enableExecuteCommand, String group, String launchType,
                   NetworkConfiguration networkConfiguration, TaskOverride overrides,
                   List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                   String platformVersion, String propagateTags, String referenceId, String startedBy, List<Tag> tags,
                   @Required String taskDefinition, String clientToken) {
    }

    @Override
    public String name() {
        return "RunTask";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = TaskRefs.cluster(context, body.cluster());
        if (body.clientToken() != null) {
            List<String> earlier = clientTokens.get(cluster + "/" + body.clientToken());
            if (earlier != null) {
                return response(earlier.stream().map(id -> context.tasks().find(cluster, id)).flatMap(Optional::stream)
                        .toList(), List.of());
            }
        }
        int count = body.count() == null ? 1 : body.count();
        if (count < 1 || count > 10) {
            throw EcsException.invalidParameter("count must be between 1 and 10.");
        }
        TaskDefinition definition = context.taskDefinitions().resolve(body.taskDefinition())
                .orElseThrow(EcsException::taskDefinitionNotFound);
        if (!"ACTIVE".equals(definition.status())) {
            throw EcsException.client("TaskDefinition is inactive: " + definition.taskDefinitionArn() + ".");
        }
        Cluster clusterRecord = context.clusters().active(cluster);
        List<CapacityProviderStrategyItem> strategy = strategy(body, clusterRecord);
        String launchType = launchType(body, strategy, definition);
        List<PlacementConstraint> constraints = PlacementChecks.constraints(body.placementConstraints(),
                context.containerInstances());
        List<PlacementStrategy> strategies = PlacementChecks.strategies(body.placementStrategy());
        if (launchType.equals("FARGATE") && !constraints.isEmpty()) {
            throw EcsException.invalidParameter("Task placement constraints are not supported for the FARGATE "
                    + "launch type.");
        }
        Optional<String> subnet = network(body.networkConfiguration(), definition);
        if (body.startedBy() != null && body.startedBy().length() > 128) {
            throw EcsException.invalidParameter("startedBy can be at most 128 characters.");
        }
        List<Tag> tags = tags(context, body.propagateTags(), body.tags(), definition);
        Optional<TaskOverride> overrides = Optional.ofNullable(body.overrides());
        overrides.ifPresent(o -> TaskOverrides.check(definition, o));
        RunTaskSpec spec = new RunTaskSpec(definition, cluster, overrides, Optional.ofNullable(body.startedBy()),
                body.group() != null ? body.group() : "family:" + definition.family(), launchType,
                capacityProvider(strategy), Optional.ofNullable(body.platformVersion()), subnet,
                Boolean.TRUE.equals(body.enableExecuteCommand()), tags);
        List<Task> tasks = new ArrayList<>();
        List<Failure> failures = List.of();
        if (LaunchTypes.onInstance(launchType)) {
            PlacementResult placed = context.containerInstances().place(new PlacementRequest(spec, count, constraints,
                    strategies, Optional.empty(), context.tasks()::run));
            tasks.addAll(placed.tasks());
            failures = placed.failures();
        } else {
            for (int i = 0; i < count; i++) {
                tasks.add(context.tasks().run(spec));
            }
        }
        if (body.clientToken() != null) {
            clientTokens.put(cluster + "/" + body.clientToken(), tasks.stream()
                    .map(t -> t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1)).toList());
        }
        return response(tasks, failures);
    }

    private static Map<String, Object> response(List<Task> tasks, List<Failure> failures) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("tasks", tasks);
        response.put("failures", failures);
        return response;
    }

    /**
     * The strategy that decides the launch: the request's, else — when the request names no launch type — the
     * cluster's default capacity provider strategy, as ECS applies it.
     */
    private static List<CapacityProviderStrategyItem> strategy(Request body, Cluster cluster) {
        if (body.capacityProviderStrategy() != null && !body.capacityProviderStrategy().isEmpty()) {
            return body.capacityProviderStrategy();
        }
        if (body.launchType() == null && cluster.defaultCapacityProviderStrategy() != null) {
            return cluster.defaultCapacityProviderStrategy();
        }
        return List.of();
    }

    private String launchType(Request body, List<CapacityProviderStrategyItem> strategy, TaskDefinition definition) {
        Optional<String> provider = capacityProvider(strategy);
        provider.filter(name -> !context.capacityProviders().isActive(name)).ifPresent(name -> {
            throw EcsException.invalidParameter("The specified capacity provider " + name + " was not found.");
        });
        String launchType = LaunchTypes.resolve(Optional.ofNullable(body.launchType()),
                strategy.isEmpty() ? Optional.empty() : Optional.of(provider.orElse("")));
        if (!LaunchTypes.supports(launchType, definition)) {
            throw EcsException.client("Task definition does not support launch_type FARGATE.");
        }
        return launchType;
    }

    /** The provider a task is placed through: the first of the strategy with a base, else of the highest weight. */
    static Optional<String> capacityProvider(List<CapacityProviderStrategyItem> strategy) {
        if (strategy.isEmpty()) {
            return Optional.empty();
        }
        CapacityProviderStrategyItem chosen = strategy.stream().filter(i -> i.base() != null && i.base() > 0)
                .findFirst().orElseGet(() -> strategy.stream().max((a, b) -> Integer.compare(
                        a.weight() == null ? 0 : a.weight(), b.weight() == null ? 0 : b.weight())).orElseThrow());
        return Optional.ofNullable(chosen.capacityProvider());
    }

    /** The first subnet of an awsvpc configuration, checked against the definition's network mode. */
    static Optional<String> network(NetworkConfiguration configuration, TaskDefinition definition) {
        boolean awsvpc = "awsvpc".equals(definition.networkMode());
        AwsVpcConfiguration vpc = configuration == null ? null : configuration.awsvpcConfiguration();
        if (awsvpc && vpc == null) {
            throw EcsException.invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is "
                    + "specified.");
        }
        if (!awsvpc && vpc != null) {
            throw EcsException.invalidParameter("Network Configuration is not valid for the given networkMode of this "
                    + "task definition.");
        }
        if (vpc == null) {
            return Optional.empty();
        }
        if (vpc.subnets() == null || vpc.subnets().isEmpty()) {
            throw EcsException.invalidParameter("subnets can not be empty.");
        }
        return Optional.of(vpc.subnets().get(0));
    }

    /** The task's tags: the definition's when propagated, then the request's, checked as ECS checks them. */
    static List<Tag> tags(PluginContext context, String propagateTags, List<Tag> given, TaskDefinition definition) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        String propagate = propagateTags == null ? "NONE" : propagateTags;
        if (!List.of("TASK_DEFINITION", "SERVICE", "NONE").contains(propagate)) {
            throw EcsException.invalidParameter("Invalid propagateTags '" + propagate
                    + "'. Valid values: TASK_DEFINITION, SERVICE, NONE.");
        }
        if (propagate.equals("TASK_DEFINITION")) {
            context.tags().tags(definition.taskDefinitionArn()).forEach(tag -> tags.put(tag.key(), tag));
        }
        if (given != null) {
            given.forEach(tag -> tags.put(tag.key(), tag));
        }
        context.tags().validate(tags.values());
        return List.copyOf(tags.values());
    }
}
