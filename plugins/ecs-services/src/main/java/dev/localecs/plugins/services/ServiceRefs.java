package dev.localecs.plugins.services;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/** Cluster and service references as requests give them (names or ARNs), and the lookups the actions share. */
final class ServiceRefs {

    private ServiceRefs() {
    }

    /** The ACTIVE cluster a reference names ({@code default} when absent), or {@code ClusterNotFoundException}. */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().active(ClusterRef.parse(reference).name()).clusterName();
    }

    /** The service name in a name-or-ARN reference ({@code service/<cluster>/<name>} or {@code service/<name>}). */
    static String serviceName(String reference) {
        if (reference.startsWith("arn:")) {
            String resource = reference.substring(reference.indexOf(":service/") < 0 ? reference.length()
                    : reference.indexOf(":service/") + ":service/".length());
            return resource.substring(resource.lastIndexOf('/') + 1);
        }
        return reference;
    }

    static String arn(PluginContext context, String cluster, String name) {
        return context.arns().service(cluster, name);
    }

    static void validateName(String name) {
        if (!TaskDefinitionRef.NAME.matcher(name).matches()) {
            throw EcsException.invalidParameter("Invalid service name '" + name + "'. Up to 255 letters (uppercase "
                    + "and lowercase), numbers, underscores, and hyphens are allowed.");
        }
    }

    /** A service of the cluster in any status, or {@code ServiceNotFoundException}. */
    static StoredService existing(ServiceStore store, String cluster, String reference) {
        return store.find(cluster, serviceName(reference))
                .orElseThrow(() -> new EcsException(ErrorCode.SERVICE_NOT_FOUND, "Service not found."));
    }

    /** An ACTIVE service of the cluster, else {@code ServiceNotFoundException} / {@code ServiceNotActiveException}. */
    static StoredService active(ServiceStore store, String cluster, String reference) {
        StoredService service = existing(store, cluster, reference);
        if (!"ACTIVE".equals(service.status())) {
            throw new EcsException(ErrorCode.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
        }
        return service;
    }
}
