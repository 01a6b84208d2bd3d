package dev.localecs.plugins.gateways;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gateway names and ARNs as requests give them, and the lookups and errors the actions share. */
final class GatewayRefs {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:ecs:[^:]*:[^:]*:gateway/([^:/]+)");

    private GatewayRefs() {
    }

    static String arn(PluginContext context, String name) {
        return "arn:aws:ecs:" + context.arns().region() + ":" + context.arns().accountId() + ":gateway/" + name;
    }

    /** The gateway name in a name-or-ARN reference. */
    static String name(String reference) {
        if (reference.startsWith("arn:")) {
            Matcher matcher = ARN.matcher(reference);
            if (!matcher.matches()) {
                throw EcsException.invalidParameter("Invalid gateway ARN '" + reference + "'. Expected "
                        + "arn:aws:ecs:<region>:<account>:gateway/<name>.");
            }
            return matcher.group(1);
        }
        return reference;
    }

    static void validateName(String name) {
        if (!TaskDefinitionRef.NAME.matcher(name).matches()) {
            throw EcsException.invalidParameter("Invalid gateway name '" + name + "'. Up to 255 letters (uppercase "
                    + "and lowercase), numbers, underscores, and hyphens are allowed.");
        }
    }

    /** The gateway a name or ARN names, or {@code GatewayNotFoundException}. */
    static StoredGateway existing(GatewayStore store, String reference) {
        return store.find(name(reference)).orElseThrow(GatewayRefs::notFound);
    }

    static EcsException notFound() {
        return new EcsException(ErrorCode.GATEWAY_NOT_FOUND, "The specified gateway wasn't found.");
    }

    /** The ACTIVE cluster a name or ARN names, or {@code ClusterNotFoundException}. */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().active(ClusterRef.parse(reference).name()).clusterName();
    }

    static double now(PluginContext context) {
        return context.clock().instant().toEpochMilli() / 1000.0;
    }
}
