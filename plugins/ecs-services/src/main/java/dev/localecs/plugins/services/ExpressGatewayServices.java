package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Express gateway services run as ECS services of this plugin: the express request becomes a task definition
 * (family = the service name, one container {@code Main}, awsvpc/FARGATE, the request's cpu and memory) and a
 * service whose {@code loadBalancers} entry opens the local front door on the container port; the express
 * configuration is kept in the service's stored members ({@link #MEMBER}, not answered by DescribeServices).
 */
final class ExpressGatewayServices {
    /** The stored member that holds the express configuration. */
    static final String MEMBER = "expressGateway";
    /** The name of the one container of an express service's task definition. */
    static final String CONTAINER = "Main";
    /** The configuration members an express request may set. */
    static final List<String> CONFIGURATION = List.of("executionRoleArn", "taskRoleArn", "cpu", "memory",
            "networkConfiguration", "healthCheckPath", "primaryContainer", "scalingTarget");
    /** The metrics an express service scales on (ExpressGatewayServiceScalingMetric). */
    static final List<String> SCALING_METRICS = List.of("AVERAGE_CPU", "AVERAGE_MEMORY", "REQUEST_COUNT_PER_TARGET");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExpressGatewayServices() {
    }

    /** A request built by the plugin for one of its own actions (already valid: bound without checks). */
    record Derived(String operation, String requestId, JsonNode body, ObjectMapper json) implements ActionRequest {
        @Override
        public <T> T bind(Class<T> type) {
            return json.convertValue(body, type);
        }
    }

    static JsonNode call(PluginContext context, EcsAction action, ActionRequest original, ObjectNode body) {
        return context.json().valueToTree(action.handle(new Derived(action.name(), original.requestId(), body,
                context.json())));
    }

    /** A name for an express service created without one: the image's repository name and 6 random characters. */
    static String generatedName(String image) {
        String repository = image.replaceAll("[@:].*$", "");
        repository = repository.substring(repository.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "-");
        StringBuilder name = new StringBuilder(repository.isEmpty() ? "express" : repository).append('-');
        for (int i = 0; i < 6; i++) {
            name.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        return name.toString();
    }

    /**
     * The configuration an express request asks for, defaults applied (cpu 256, memory 512, container port 80,
     * health check path {@code /ping}, one task), merged over the current one for an update.
     */
    static ObjectNode configuration(PluginContext context, JsonNode request, Optional<JsonNode> current) {
        ObjectNode configuration = current.map(c -> (ObjectNode) c.deepCopy())
                .orElseGet(() -> context.json().createObjectNode());
        for (String member : CONFIGURATION) {
            ServiceRequests.member(request, member).ifPresent(value -> configuration.set(member, value.deepCopy()));
        }
        if (!configuration.path("primaryContainer").path("image").isTextual()
                || configuration.path("primaryContainer").path("image").asText().isBlank()) {
            throw EcsException.invalidParameter("primaryContainer.image is required.");
        }
        if (!configuration.hasNonNull("executionRoleArn")) {
            throw EcsException.invalidParameter("executionRoleArn is required.");
        }
        putDefault(configuration, "cpu", "256");
        putDefault(configuration, "memory", "512");
        putDefault(configuration, "healthCheckPath", "/ping");
        ObjectNode container = (ObjectNode) configuration.get("primaryContainer");
        if (!container.hasNonNull("containerPort")) {
            container.put("containerPort", 80);
        }
        int port = container.get("containerPort").asInt();
        if (port < 1 || port > 65535) {
            throw EcsException.invalidParameter("primaryContainer.containerPort must be between 1 and 65535.");
        }
        ObjectNode scaling = configuration.has("scalingTarget") && configuration.get("scalingTarget").isObject()
                ? (ObjectNode) configuration.get("scalingTarget") : configuration.putObject("scalingTarget");
        if (!scaling.hasNonNull("minTaskCount")) {
            scaling.put("minTaskCount", 1);
        }
        if (!scaling.hasNonNull("maxTaskCount")) {
            scaling.put("maxTaskCount", Math.max(1, scaling.get("minTaskCount").asInt()));
        }
        if (scaling.get("minTaskCount").asInt() < 0
                || scaling.get("maxTaskCount").asInt() < scaling.get("minTaskCount").asInt()) {
            throw EcsException.invalidParameter("scalingTarget.minTaskCount must be at least 0 and at most "
                    + "maxTaskCount.");
        }
        if (scaling.hasNonNull("autoScalingMetric") && !SCALING_METRICS.contains(scaling.get("autoScalingMetric")
                .asText())) {
            throw EcsException.invalidParameter("scalingTarget.autoScalingMetric must be one of "
                    + String.join(", ", SCALING_METRICS) + ".");
        }
        if (scaling.hasNonNull("autoScalingTargetValue") && scaling.get("autoScalingTargetValue").asInt() < 1) {
            throw EcsException.invalidParameter("scalingTarget.autoScalingTargetValue must be greater than 0.");
        }
        return configuration;
    }

    private static void putDefault(ObjectNode node, String member, String value) {
        if (!node.hasNonNull(member)) {
            node.put(member, value);
        }
    }

    /** Registers the next revision of the express service's task definition from its configuration. */
    static TaskDefinition register(PluginContext context, String family, JsonNode configuration) {
        JsonNode primary = configuration.get("primaryContainer");
        ObjectMapper json = context.json();
        return context.taskDefinitions().register(family, revision -> {
            ObjectNode definition = json.createObjectNode();
            definition.put("taskDefinitionArn", context.arns().taskDefinition(family, revision));
            definition.put("family", family);
            definition.put("revision", revision);
            definition.put("status", "ACTIVE");
            definition.put("networkMode", "awsvpc");
            definition.putArray("requiresCompatibilities").add("FARGATE");
            definition.putArray("compatibilities").add("EC2").add("FARGATE");
            definition.put("cpu", configuration.get("cpu").asText());
            definition.put("memory", configuration.get("memory").asText());
            definition.put("executionRoleArn", configuration.get("executionRoleArn").asText());
            if (configuration.hasNonNull("taskRoleArn")) {
                definition.put("taskRoleArn", configuration.get("taskRoleArn").asText());
            }
            definition.put("registeredAt", context.clock().instant().toString());
            definition.put("registeredBy", context.arns().accountRoot());
            ObjectNode container = definition.putArray("containerDefinitions").addObject();
            container.put("name", CONTAINER);
            container.put("image", primary.get("image").asText());
            container.put("essential", true);
            container.putArray("portMappings").addObject().put("containerPort", primary.get("containerPort").asInt())
                    .put("protocol", "tcp");
            for (String member : List.of("command", "environment", "secrets", "repositoryCredentials")) {
                ServiceRequests.member(primary, member).ifPresent(value -> container.set(member, value.deepCopy()));
            }
            JsonNode logs = primary.path("awsLogsConfiguration");
            if (logs.hasNonNull("logGroup")) {
                ObjectNode options = container.putObject("logConfiguration").put("logDriver", "awslogs")
                        .putObject("options");
                options.put("awslogs-group", logs.get("logGroup").asText());
                options.put("awslogs-region", context.arns().region());
                options.put("awslogs-stream-prefix", logs.path("logStreamPrefix").asText("ecs"));
            }
            return json.convertValue(definition, TaskDefinition.class);
        });
    }

    /**
     * The CreateService/UpdateService members an express configuration gives: network, and the desired count —
     * {@code minTaskCount} for a new service, the current count brought within {@code [minTaskCount,
     * maxTaskCount]} for an update (auto scaling moves it in between).
     */
    static void serviceMembers(ObjectNode body, JsonNode configuration, Optional<Integer> current) {
        ObjectNode vpc = body.putObject("networkConfiguration").putObject("awsvpcConfiguration");
        JsonNode network = configuration.path("networkConfiguration");
        ArrayNode subnets = vpc.putArray("subnets");
        network.path("subnets").forEach(subnets::add);
        if (subnets.isEmpty()) {
            subnets.add("subnet-local");
        }
        if (network.path("securityGroups").isArray()) {
            vpc.set("securityGroups", network.get("securityGroups").deepCopy());
        }
        vpc.put("assignPublicIp", "ENABLED");
        int min = configuration.path("scalingTarget").path("minTaskCount").asInt(1);
        int max = configuration.path("scalingTarget").path("maxTaskCount").asInt(Math.max(1, min));
        body.put("desiredCount", current.map(count -> Math.clamp(count, min, max)).orElse(min));
    }

    /** The path the front door health-checks an express service's tasks on; empty for any other service. */
    static Optional<String> healthCheckPath(StoredService service) {
        JsonNode path = service.members().path(MEMBER).path("configuration").path("healthCheckPath");
        return path.isTextual() && !path.asText().isBlank() ? Optional.of(path.asText()) : Optional.empty();
    }

    /** The service an express request names by ARN, or the error the operation answers. */
    static StoredService find(PluginContext context, String serviceArn, ErrorCode notFound) {
        String resource = serviceArn.contains(":service/") ? serviceArn.substring(serviceArn.indexOf(":service/")
                + ":service/".length()) : "";
        int slash = resource.indexOf('/');
        Optional<StoredService> service = slash < 0 ? Optional.empty()
                : ServiceStore.of(context).find(resource.substring(0, slash), resource.substring(slash + 1))
                        .filter(found -> found.members().has(MEMBER));
        return service.orElseThrow(() -> new EcsException(notFound, notFound == ErrorCode.SERVICE_NOT_FOUND
                ? "Service not found." : "The Express service " + serviceArn + " does not exist."));
    }

    /** The ECSExpressGatewayService wire form. */
    static ObjectNode view(PluginContext context, StoredService service, boolean withTags) {
        JsonNode express = service.members().get(MEMBER);
        ObjectNode view = context.json().createObjectNode();
        view.put("cluster", context.arns().cluster(service.cluster()));
        view.put("serviceName", service.serviceName());
        view.put("serviceArn", service.serviceArn());
        view.put("infrastructureRoleArn", express.path("infrastructureRoleArn").asText());
        view.putObject("status").put("statusCode", service.status());
        if (!service.history().isEmpty()) {
            view.put("currentDeployment", ServiceDeploymentViews.deploymentArn(context, service,
                    service.history().getFirst().id()));
        }
        view.putArray("activeConfigurations").add(configurationView(context, service));
        if (withTags) {
            view.set("tags", context.json().valueToTree(context.tags().tags(service.serviceArn())));
        }
        view.put("createdAt", service.createdAt());
        view.put("updatedAt", express.path("updatedAt").asDouble(service.createdAt()));
        return view;
    }

    /** The configuration as answered: its service revision and the front door as its ingress path. */
    static ObjectNode configurationView(PluginContext context, StoredService service) {
        JsonNode express = service.members().get(MEMBER);
        ObjectNode configuration = express.get("configuration").deepCopy();
        configuration.put("serviceRevisionArn", ServiceDeploymentViews.revisionArn(context, service,
                service.primary().revision()));
        int port = configuration.path("primaryContainer").path("containerPort").asInt(80);
        int door = context.config().get("front-door.port." + service.serviceName()).map(Integer::parseInt)
                .orElse(port);
        String host = context.config().get("front-door.host").orElse("127.0.0.1");
        configuration.putArray("ingressPaths").addObject().put("accessType", "PUBLIC")
                .put("endpoint", "http://" + host + ":" + door);
        configuration.put("createdAt", express.path("updatedAt").asDouble(service.createdAt()));
        return configuration;
    }

    /** The stored express member for a configuration. */
    static ObjectNode member(PluginContext context, String infrastructureRoleArn, JsonNode configuration,
                             double now) {
        ObjectNode member = context.json().createObjectNode();
        member.put("infrastructureRoleArn", infrastructureRoleArn);
        member.set("configuration", configuration);
        member.put("updatedAt", now);
        return member;
    }

    static Map<String, Object> answer(String name, Object value) {
        return Map.of(name, value);
    }
}
