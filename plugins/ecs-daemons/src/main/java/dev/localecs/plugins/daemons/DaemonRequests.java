package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.List;

/** The checks CreateDaemon and UpdateDaemon share, and the revision and deployment they make. */
final class DaemonRequests {

    private DaemonRequests() {
    }

    static List<String> capacityProviders(List<String> arns) {
        if (arns == null || arns.isEmpty()) {
            throw EcsException.invalidParameter("capacityProviderArns must contain at least one capacity provider.");
        }
        for (String arn : arns) {
            if (arn == null || arn.isBlank()) {
                throw EcsException.invalidParameter("capacityProviderArns must not contain empty values.");
            }
        }
        if (arns.stream().distinct().count() != arns.size()) {
            throw EcsException.invalidParameter("capacityProviderArns must not contain duplicates.");
        }
        return List.copyOf(arns);
    }

    static String propagateTags(String value) {
        String propagate = value == null ? "NONE" : value;
        if (!List.of("DAEMON", "NONE").contains(propagate)) {
            throw EcsException.invalidParameter("Invalid propagateTags '" + propagate + "'. Valid values: DAEMON, "
                    + "NONE.");
        }
        return propagate;
    }

    /** The deployment configuration with ECS's defaults (drainPercent 25, bakeTimeInMinutes 0, alarms off). */
    static ObjectNode deploymentConfiguration(PluginContext context, JsonNode given) {
        ObjectNode configuration = context.json().createObjectNode();
        configuration.put("drainPercent", 25.0);
        configuration.put("bakeTimeInMinutes", 0);
        if (given != null && given.isObject()) {
            configuration.setAll(((ObjectNode) given).deepCopy());
        }
        double drain = configuration.path("drainPercent").asDouble();
        if (drain < 0 || drain > 100) {
            throw EcsException.invalidParameter("deploymentConfiguration.drainPercent must be between 0 and 100.");
        }
        int bake = configuration.path("bakeTimeInMinutes").asInt();
        if (bake < 0 || bake > 1440) {
            throw EcsException.invalidParameter("deploymentConfiguration.bakeTimeInMinutes must be between 0 and "
                    + "1440.");
        }
        return configuration;
    }

    /** The daemon task definition a CreateDaemon/UpdateDaemon names; it must be ACTIVE. */
    static StoredDaemonTaskDefinition activeDefinition(DaemonStore store, String reference) {
        StoredDaemonTaskDefinition definition = DaemonTaskDefinitions.resolve(store, reference);
        if (!"ACTIVE".equals(definition.status())) {
            throw EcsException.client("The daemon task definition " + definition.daemonTaskDefinitionArn()
                    + " is not ACTIVE (" + definition.status() + ").");
        }
        return definition;
    }

    static DaemonDeployment newDeployment(PluginContext context, String cluster, String name, String target,
                                          List<String> sources, ObjectNode configuration) {
        String id = DaemonRefs.deploymentId();
        return new DaemonDeployment(DaemonRefs.deploymentArn(context, cluster, name, id), id, "PENDING",
                "Daemon deployment is pending.", target, sources, configuration, 0, DaemonRefs.now(context), null,
                null, null);
    }
}
