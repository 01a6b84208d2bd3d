package dev.localecs.plugins.instances;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.ContainerInstanceHealthStatus;
import dev.localecs.api.model.InstanceHealthCheckResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What the container-instance actions share: cluster and instance references, views, attribute rules. */
final class Instances {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_./\\\\-]{1,128}");
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.@/\\\\: -]{1,128}");
    static final Set<String> FIELDS = Set.of("TAGS", "CONTAINER_INSTANCE_HEALTH");

    private Instances() {
    }

    /** The name of the ACTIVE cluster a reference names ({@code default} when empty). */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().active(ClusterRef.parse(reference).name()).clusterName();
    }

    /** The instance of a cluster a reference names, when it is registered. */
    static Optional<ContainerInstance> registered(PluginContext context, String cluster, String reference) {
        return reference == null ? Optional.empty() : context.containerInstances().find(cluster, reference);
    }

    /** The registered instance a reference must name, else ECS's error for an unknown instance. */
    static ContainerInstance required(PluginContext context, String cluster, String reference) {
        return registered(context, cluster, reference).orElseThrow(() -> EcsException.invalidParameter(
                "The referenced container instance was not found."));
    }

    /** The ARN form of a reference, for failures. */
    static String arnOf(PluginContext context, String cluster, String reference) {
        return reference.startsWith("arn:") ? reference : context.arns().containerInstance(cluster, reference);
    }

    /** The fields an {@code include} names, each one ECS knows. */
    static List<String> checkInclude(List<String> include) {
        List<String> fields = include == null ? List.of() : include;
        for (String field : fields) {
            if (!FIELDS.contains(field)) {
                throw EcsException.invalidParameter("Invalid include '" + field + "'. Valid values: "
                        + "TAGS, CONTAINER_INSTANCE_HEALTH.");
            }
        }
        return fields;
    }

    /** The instance with the optional fields an {@code include} asks for. */
    static ContainerInstance view(PluginContext context, ContainerInstance instance, List<String> include) {
        List<String> fields = checkInclude(include);
        var tags = fields.contains("TAGS") ? context.tags().tags(instance.containerInstanceArn()) : null;
        ContainerInstanceHealthStatus health = null;
        if (fields.contains("CONTAINER_INSTANCE_HEALTH")) {
            String status = Boolean.TRUE.equals(instance.agentConnected()) ? "OK" : "IMPAIRED";
            health = new ContainerInstanceHealthStatus(status, List.of(new InstanceHealthCheckResult(
                    "CONTAINER_RUNTIME", status, status.equals("OK") ? null : "The Docker engine cannot be reached.",
                    context.clock().instant(), instance.registeredAt())));
        }
        return new ContainerInstance(instance.containerInstanceArn(), instance.ec2InstanceId(),
                instance.capacityProviderName(), instance.version(), instance.versionInfo(),
                instance.remainingResources(), instance.registeredResources(), instance.status(),
                instance.statusReason(), instance.agentConnected(), instance.runningTasksCount(),
                instance.pendingTasksCount(), instance.agentUpdateStatus(), instance.attributes(),
                instance.registeredAt(), instance.attachments(), tags, health);
    }

    /** ECS's rules for custom attribute names and values; the {@code ecs.} namespaces are the agent's. */
    static void checkAttributes(List<Attribute> attributes, boolean values) {
        if (attributes == null || attributes.isEmpty()) {
            throw EcsException.invalidParameter("attributes can not be empty");
        }
        for (Attribute attribute : attributes) {
            if (attribute.name() == null || !ATTRIBUTE_NAME.matcher(attribute.name()).matches()) {
                throw EcsException.invalidParameter("Attribute name '" + attribute.name() + "' is invalid: up to "
                        + "128 letters, numbers, hyphens, underscores, periods and forward or back slashes.");
            }
            if (attribute.name().startsWith("ecs.") || attribute.name().startsWith("com.amazonaws.ecs.")) {
                throw EcsException.invalidParameter("Attribute name '" + attribute.name()
                        + "' is reserved: names starting with ecs. or com.amazonaws.ecs. are set by Amazon ECS.");
            }
            if (values && attribute.value() != null && (!ATTRIBUTE_VALUE.matcher(attribute.value()).matches()
                    || attribute.value().strip().length() != attribute.value().length())) {
                throw EcsException.invalidParameter("Attribute value '" + attribute.value() + "' is invalid: up to "
                        + "128 letters, numbers, hyphens, underscores, periods, at signs, forward or back slashes, "
                        + "colons and inner spaces.");
            }
            if (attribute.targetType() != null && !"container-instance".equals(attribute.targetType())) {
                throw EcsException.invalidParameter("targetType must be container-instance");
            }
        }
    }
}
