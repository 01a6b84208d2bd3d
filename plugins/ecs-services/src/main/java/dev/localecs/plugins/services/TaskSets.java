package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The task sets of a service with the CODE_DEPLOY or EXTERNAL deployment controller. They are kept in their wire form
 * in the service's stored members ({@code members.taskSets}), so they are saved with the service and DescribeServices
 * answers them; their writers (CreateService for CODE_DEPLOY's first one, the task-set actions and
 * {@link TaskSetReconciler}) hold the service's lock.
 */
final class TaskSets {
    /** The stored member that holds the task sets. */
    static final String MEMBER = "taskSets";
    /** Members of a stored task set that are the emulator's own (idempotency), never answered. */
    static final List<String> PRIVATE_MEMBERS = List.of("clientToken", "clientRequest");
    /** ECS keeps at most this many task sets (DRAINING ones included) per service. */
    static final int MAX_PER_SERVICE = 5;
    private static final List<String> REQUEST_MEMBERS = List.of("networkConfiguration", "capacityProviderStrategy",
            "platformVersion");

    private TaskSets() {
    }

    /** The service's task sets (wire form), PRIMARY first as stored. */
    static List<ObjectNode> of(StoredService service) {
        List<ObjectNode> sets = new ArrayList<>();
        service.members().path(MEMBER).forEach(node -> sets.add((ObjectNode) node));
        return sets;
    }

    /** The sum of a count member over the service's task sets. */
    static int sum(StoredService service, String count) {
        return of(service).stream().mapToInt(set -> set.path(count).asInt()).sum();
    }

    /** This service with its task sets replaced. */
    static StoredService with(StoredService service, List<ObjectNode> sets) {
        ObjectNode members = service.members().deepCopy();
        ArrayNode array = members.putArray(MEMBER);
        sets.forEach(array::add);
        return service.withMembers(members);
    }

    /** This service with one task set (by id) changed. */
    static StoredService change(StoredService service, String id, UnaryOperator<ObjectNode> change) {
        return with(service, of(service).stream().map(set -> set.path("id").asText().equals(id)
                ? change.apply(set.deepCopy()) : set).toList());
    }

    /** {@code arn:aws:ecs:<region>:<account>:task-set/<cluster>/<service>/<id>} (the id is {@code ecs-svc/…}). */
    static String arn(PluginContext context, StoredService service, String id) {
        return "arn:aws:ecs:" + context.arns().region() + ":" + context.arns().accountId() + ":task-set/"
                + service.cluster() + "/" + service.serviceName() + "/" + id;
    }

    /** The id a task-set reference (id or ARN) names. */
    static String id(String reference) {
        int at = reference.indexOf("ecs-svc/");
        return reference.startsWith("arn:") && at >= 0 ? reference.substring(at) : reference;
    }

    /** The task set a reference names, if the service has it. */
    static Optional<ObjectNode> find(StoredService service, String reference) {
        String id = id(reference);
        return of(service).stream().filter(set -> set.path("id").asText().equals(id)
                || set.path("taskSetArn").asText().equals(reference)).findFirst();
    }

    /** The task set a reference names, or {@code TaskSetNotFoundException}. */
    static ObjectNode existing(StoredService service, String reference) {
        return find(service, reference).orElseThrow(() -> new EcsException(ErrorCode.TASK_SET_NOT_FOUND,
                "The specified task set does not exist."));
    }

    /**
     * The ACTIVE service a task-set request names, which must use a task-set controller (CODE_DEPLOY or EXTERNAL).
     *
     * @throws EcsException {@code ServiceNotFoundException}, {@code ServiceNotActiveException}, or ECS's
     *     {@code InvalidParameterException} for a service of the ECS controller
     */
    static StoredService taskSetService(ServiceStore store, String cluster, String reference) {
        StoredService service = ServiceRefs.active(store, cluster, reference);
        if (!service.deploymentController().usesTaskSets()) {
            throw EcsException.invalidParameter("Amazon ECS only supports task set management on services "
                    + "configured to use external deployment controllers.");
        }
        return service;
    }

    /**
     * A new task set (wire form, {@code ecs-svc/…} id, scaled as {@code source.scale} says) of a service, running a
     * task definition with the launch type, capacity provider strategy, platform version, network, load balancers
     * and service registries of {@code source}: a CreateTaskSet request, or CODE_DEPLOY's CreateService request.
     *
     * @param status {@code ACTIVE} (CreateTaskSet) or {@code PRIMARY} (a CODE_DEPLOY service's first one)
     */
    static ObjectNode create(PluginContext context, StoredService service, TaskDefinition definition,
                             String launchType, JsonNode source, String status, double now) {
        String id = ServiceRequests.deploymentId();
        ObjectNode set = context.json().createObjectNode();
        set.put("id", id);
        set.put("taskSetArn", arn(context, service, id));
        set.put("serviceArn", service.serviceArn());
        set.put("clusterArn", context.arns().cluster(service.cluster()));
        set.put("status", status);
        set.put("taskDefinition", definition.taskDefinitionArn());
        set.set("scale", scale(context, source.get("scale")));
        set.put("computedDesiredCount", computedDesired(service.desiredCount(), set));
        set.put("pendingCount", 0);
        set.put("runningCount", 0);
        set.put("createdAt", now);
        set.put("updatedAt", now);
        if (!source.hasNonNull("capacityProviderStrategy")) {
            set.put("launchType", launchType);
        }
        for (String member : REQUEST_MEMBERS) {
            ServiceRequests.member(source, member).ifPresent(value -> set.set(member, value.deepCopy()));
        }
        if (launchType.equals("FARGATE") && !set.has("platformVersion")) {
            set.put("platformVersion", "LATEST");
        }
        for (String member : List.of("loadBalancers", "serviceRegistries")) {
            set.set(member, ServiceRequests.member(source, member).<JsonNode>map(JsonNode::deepCopy)
                    .orElse(context.json().createArrayNode()));
        }
        set.put("stabilityStatus", "STABILIZING");
        set.put("stabilityStatusAt", now);
        return set;
    }

    /** The task set's computed desired count: {@code ceil(desiredCount × scale% / 100)}. */
    static int computedDesired(int serviceDesired, JsonNode set) {
        double percent = set.path("scale").path("value").asDouble(100.0);
        return (int) Math.ceil(serviceDesired * percent / 100.0 - 1e-9);
    }

    /**
     * A task set (a copy the caller owns) with its computed desired count for the service's desired count: changed,
     * it is STABILIZING again. A DRAINING task set stays at zero.
     */
    static ObjectNode withComputedDesired(ObjectNode set, int serviceDesired, double now) {
        int desired = "DRAINING".equals(set.path("status").asText()) ? 0 : computedDesired(serviceDesired, set);
        if (desired != set.path("computedDesiredCount").asInt()) {
            set.put("computedDesiredCount", desired);
            set.put("stabilityStatus", "STABILIZING");
            set.put("stabilityStatusAt", now);
            set.put("updatedAt", now);
        }
        return set;
    }

    /** The scale of a request: a value between 0 and 100 in {@code PERCENT} (the default: 100 %). */
    static ObjectNode scale(PluginContext context, JsonNode requested) {
        ObjectNode scale = context.json().createObjectNode();
        double value = 100.0;
        if (requested != null && !requested.isNull()) {
            String unit = requested.path("unit").asText("PERCENT");
            if (!unit.equals("PERCENT")) {
                throw EcsException.invalidParameter("Invalid scale unit '" + unit + "'. Valid values: PERCENT.");
            }
            value = requested.path("value").asDouble(0.0);
            if (value < 0 || value > 100) {
                throw EcsException.invalidParameter("Scale value must be between 0 and 100.");
            }
        }
        scale.put("value", value);
        scale.put("unit", "PERCENT");
        return scale;
    }
}
