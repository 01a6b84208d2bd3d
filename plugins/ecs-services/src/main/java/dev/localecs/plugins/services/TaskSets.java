package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The task sets of a service with the EXTERNAL deployment controller. They are kept in their wire form in the
 * service's stored members ({@code members.taskSets}), so they are saved with the service and DescribeServices
 * answers them; their writers (the task-set actions and {@link TaskSetReconciler}) hold the service's lock.
 */
final class TaskSets {
    /** The stored member that holds the task sets. */
    static final String MEMBER = "taskSets";

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
     * The ACTIVE service a task-set request names, which must use the EXTERNAL deployment controller.
     *
     * @throws EcsException {@code ServiceNotFoundException}, {@code ServiceNotActiveException}, or
     *     {@code InvalidParameterException} for a service of another controller
     */
    static StoredService externalService(ServiceStore store, String cluster, String reference) {
        StoredService service = ServiceRefs.active(store, cluster, reference);
        if (!service.deploymentController().equals("EXTERNAL")) {
            throw EcsException.invalidParameter("Task sets can only be used with services that use the EXTERNAL "
                    + "deployment controller; service " + service.serviceName() + " uses "
                    + service.deploymentController() + ".");
        }
        return service;
    }

    /** The task set's computed desired count: {@code ceil(desiredCount × scale% / 100)}. */
    static int computedDesired(int serviceDesired, JsonNode set) {
        double percent = set.path("scale").path("value").asDouble(100.0);
        return (int) Math.ceil(serviceDesired * percent / 100.0 - 1e-9);
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
