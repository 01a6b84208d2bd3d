package dev.localecs.plugins.clusters;

import dev.localecs.api.Arn;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterServiceConnectDefaults;
import java.util.regex.Pattern;

/** Cluster names and ARNs as requests give them, and the lookups every cluster action shares. */
final class ClusterNames {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private ClusterNames() {
    }

    /** The cluster name in a name-or-ARN reference; {@code default} when absent. */
    static String nameOf(String reference) {
        if (reference == null || reference.isEmpty()) {
            return ClusterRegistry.DEFAULT_CLUSTER;
        }
        if (reference.startsWith("arn:")) {
            return Arn.parse(reference)
                    .filter(arn -> arn.service().equals("ecs") && arn.resourceType().equals("cluster"))
                    .map(Arn::resourceId)
                    .filter(name -> NAME.matcher(name).matches())
                    .orElseThrow(() -> EcsException.invalidParameter("Invalid cluster ARN: " + reference));
        }
        return reference;
    }

    static void validateName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw EcsException.invalidParameter("Invalid cluster name '" + name + "'. Up to 255 letters (uppercase "
                    + "and lowercase), numbers, underscores, and hyphens are allowed.");
        }
    }

    /** The ACTIVE cluster a reference names, or {@code ClusterNotFoundException}. */
    static Cluster active(PluginContext context, String reference) {
        return context.clusters().active(nameOf(reference));
    }

    /** The Service Connect defaults of a request: a namespace is required (empty removes them on update). */
    static void validateServiceConnectDefaults(ClusterServiceConnectDefaults defaults) {
        if (defaults != null && defaults.namespace() == null) {
            throw EcsException.invalidParameter("serviceConnectDefaults.namespace is required");
        }
        if (defaults != null && defaults.namespace().length() > 1024) {
            throw EcsException.invalidParameter("serviceConnectDefaults.namespace can have at most 1024 characters.");
        }
    }
}
