package dev.localecs.plugins.services;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.LaunchTypes;
import dev.localecs.api.PlacementChecks;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.TaskDefinition;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * What CreateService and UpdateService share: the launch type, network and deployment-configuration checks, the
 * task-definition lookup, new deployments, and the split of request members between the service and its
 * deployments.
 */
final class ServiceRequests {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Request members answered back on the service as they were given. */
    static final List<String> SERVICE_MEMBERS = List.of("loadBalancers", "serviceRegistries",
            "capacityProviderStrategy", "platformVersion", "deploymentConfiguration", "placementConstraints",
            "placementStrategy", "networkConfiguration", "healthCheckGracePeriodSeconds", "deploymentController",
            "enableECSManagedTags", "propagateTags", "enableExecuteCommand", "availabilityZoneRebalancing");

    /** Request members that belong to each deployment. */
    static final List<String> DEPLOYMENT_MEMBERS = List.of("capacityProviderStrategy", "platformVersion",
            "networkConfiguration", "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations");

    private ServiceRequests() {
    }

    /**
     * The launch type of a request: given, else from the capacity provider strategy, else EC2; checked against the
     * task definition when there is one (an EXTERNAL service may have none).
     */
    static String launchType(JsonNode body, Optional<TaskDefinition> definition) {
        JsonNode strategy = body.path("capacityProviderStrategy");
        boolean hasStrategy = strategy.isArray() && !strategy.isEmpty();
        String launchType = LaunchTypes.resolve(Optional.ofNullable(body.path("launchType").textValue()),
                hasStrategy ? Optional.of(strategy.path(0).path("capacityProvider").asText("")) : Optional.empty());
        if (definition.isPresent() && !LaunchTypes.supports(launchType, definition.get())) {
            throw EcsException.invalidParameter("Task definition does not support launch_type FARGATE.");
        }
        return launchType;
    }

    /**
     * Checks a request's {@code placementConstraints} and {@code placementStrategy}, when given, as RunTask's are
     * checked ({@link PlacementChecks}).
     */
    static void checkPlacement(PluginContext context, JsonNode body) {
        JsonNode constraints = body.path("placementConstraints");
        if (constraints.isArray()) {
            PlacementChecks.constraints(context.json().convertValue(constraints,
                    new TypeReference<List<PlacementConstraint>>() { }), context.containerInstances());
        }
        JsonNode strategies = body.path("placementStrategy");
        if (strategies.isArray()) {
            PlacementChecks.strategies(context.json().convertValue(strategies,
                    new TypeReference<List<PlacementStrategy>>() { }));
        }
    }

    /** The task definition a reference names, ACTIVE. */
    static TaskDefinition taskDefinition(PluginContext context, String reference) {
        if (reference == null || reference.isBlank()) {
            throw EcsException.invalidParameter("Task Definition can not be blank.");
        }
        TaskDefinition definition = context.taskDefinitions().resolve(reference)
                .orElseThrow(EcsException::taskDefinitionNotFound);
        if (!"ACTIVE".equals(definition.status())) {
            throw EcsException.invalidParameter("TaskDefinition is inactive");
        }
        return definition;
    }

    /** awsvpc needs a network configuration with subnets; other modes take none. */
    static void checkNetwork(JsonNode networkConfiguration, TaskDefinition definition) {
        boolean awsvpc = "awsvpc".equals(definition.networkMode());
        JsonNode vpc = networkConfiguration == null ? null : networkConfiguration.get("awsvpcConfiguration");
        if (awsvpc && (vpc == null || vpc.isNull())) {
            throw EcsException.invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is "
                    + "specified.");
        }
        if (!awsvpc && vpc != null && !vpc.isNull()) {
            throw EcsException.invalidParameter("Network Configuration is not valid for the given networkMode of this "
                    + "task definition.");
        }
        if (vpc != null && !vpc.isNull() && (!vpc.path("subnets").isArray() || vpc.path("subnets").isEmpty())) {
            throw EcsException.invalidParameter("subnets can not be empty.");
        }
    }

    /**
     * The deployment configuration with ECS's defaults filled in (maximumPercent 200, minimumHealthyPercent 100
     * for REPLICA; 100 and 0 for DAEMON; the circuit breaker off), after checking the percentages.
     */
    static ObjectNode deploymentConfiguration(PluginContext context, JsonNode given, String schedulingStrategy) {
        ObjectNode configuration = given != null && given.isObject() ? ((ObjectNode) given).deepCopy()
                : context.json().createObjectNode();
        boolean daemon = "DAEMON".equals(schedulingStrategy);
        if (!configuration.has("deploymentCircuitBreaker")) {
            configuration.putObject("deploymentCircuitBreaker").put("enable", false).put("rollback", false);
        }
        if (!configuration.has("maximumPercent")) {
            configuration.put("maximumPercent", daemon ? 100 : 200);
        }
        if (!configuration.has("minimumHealthyPercent")) {
            configuration.put("minimumHealthyPercent", daemon ? 0 : 100);
        }
        int maximum = configuration.get("maximumPercent").asInt();
        int minimum = configuration.get("minimumHealthyPercent").asInt();
        if (minimum < 0 || minimum > 100) {
            throw EcsException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
        }
        if (daemon ? maximum != 100 : maximum < 100) {
            throw EcsException.invalidParameter(daemon ? "maximumPercent must be 100 for the DAEMON scheduling "
                    + "strategy." : "maximumPercent must be at least 100.");
        }
        return configuration;
    }

    /** A new PRIMARY deployment with the deployment members of {@code source} (a request or the previous one). */
    static ServiceDeployment newDeployment(PluginContext context, String taskDefinitionArn, int desiredCount,
                                           String launchType, JsonNode source) {
        ObjectNode members = context.json().createObjectNode();
        for (String member : DEPLOYMENT_MEMBERS) {
            JsonNode value = source.get(member);
            if (value != null && !value.isNull()) {
                members.set(member, value.deepCopy());
            }
        }
        double now = context.clock().instant().toEpochMilli() / 1000.0;
        String id = deploymentId();
        return new ServiceDeployment(id, "PRIMARY", taskDefinitionArn, desiredCount, 0, 0, 0, now, now,
                launchType, "IN_PROGRESS", "ECS deployment " + id + " in progress.", members, null);
    }

    /** A new PRIMARY deployment that runs an earlier revision again (a rollback). */
    static ServiceDeployment redeployment(ServiceRevision revision, int desiredCount, double now) {
        String id = deploymentId();
        ObjectNode members = revision.members().deepCopy();
        members.remove(List.of("loadBalancers", "serviceRegistries"));
        return new ServiceDeployment(id, "PRIMARY", revision.taskDefinition(), desiredCount, 0, 0, 0, now, now,
                revision.launchType(), "IN_PROGRESS", "ECS deployment " + id + " in progress.", members,
                revision.id());
    }

    /** {@code ecs-svc/} and 19 digits. */
    static String deploymentId() {
        StringBuilder id = new StringBuilder("ecs-svc/");
        id.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 19; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    /** A member of a request, when given and not null. */
    static Optional<JsonNode> member(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
