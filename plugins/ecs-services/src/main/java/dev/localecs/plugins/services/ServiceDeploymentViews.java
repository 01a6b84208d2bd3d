package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import java.util.Optional;

/**
 * Service deployments and service revisions in ECS's wire form, with their ARNs
 * ({@code arn:aws:ecs:<r>:<a>:service-deployment/<cluster>/<service>/<id>} and {@code service-revision/...}).
 */
final class ServiceDeploymentViews {

    private ServiceDeploymentViews() {
    }

    static String deploymentArn(PluginContext context, StoredService service, String id) {
        return prefix(context) + "service-deployment/" + service.cluster() + "/" + service.serviceName() + "/" + id;
    }

    static String revisionArn(PluginContext context, StoredService service, String id) {
        return prefix(context) + "service-revision/" + service.cluster() + "/" + service.serviceName() + "/" + id;
    }

    private static String prefix(PluginContext context) {
        return "arn:aws:ecs:" + context.arns().region() + ":" + context.arns().accountId() + ":";
    }

    /**
     * The parts of a service-deployment or service-revision ARN.
     *
     * @param cluster the cluster name
     * @param service the service name
     * @param id the last part
     */
    record Parts(String cluster, String service, String id) {
    }

    /** The cluster, service and id of an ARN of the given resource type, when it is one. */
    static Optional<Parts> parse(String arn, String resourceType) {
        String marker = ":" + resourceType + "/";
        int at = arn == null || !arn.startsWith("arn:") ? -1 : arn.indexOf(marker);
        if (at < 0) {
            return Optional.empty();
        }
        String[] parts = arn.substring(at + marker.length()).split("/");
        return parts.length == 3 ? Optional.of(new Parts(parts[0], parts[1], parts[2])) : Optional.empty();
    }

    /** The ListServiceDeployments entry. */
    static ObjectNode brief(PluginContext context, StoredService service, DeploymentRecord record) {
        ObjectNode view = context.json().createObjectNode();
        view.put("serviceDeploymentArn", deploymentArn(context, service, record.id()));
        view.put("serviceArn", service.serviceArn());
        view.put("clusterArn", context.arns().cluster(service.cluster()));
        view.put("startedAt", record.startedAt());
        view.put("createdAt", record.createdAt());
        if (record.finishedAt() != null) {
            view.put("finishedAt", record.finishedAt());
        }
        view.put("targetServiceRevisionArn", revisionArn(context, service, record.targetRevision()));
        view.put("status", record.status());
        if (record.statusReason() != null) {
            view.put("statusReason", record.statusReason());
        }
        return view;
    }

    /** The DescribeServiceDeployments entry. */
    static ObjectNode full(PluginContext context, StoredService service, DeploymentRecord record) {
        ObjectNode view = brief(context, service, record);
        view.remove("targetServiceRevisionArn");
        if (record.stoppedAt() != null) {
            view.put("stoppedAt", record.stoppedAt());
        }
        view.put("updatedAt", record.updatedAt());
        ArrayNode sources = view.putArray("sourceServiceRevisions");
        record.sourceRevisions().forEach(revision -> sources.add(summary(context, service, revision)));
        view.set("targetServiceRevision", summary(context, service, record.targetRevision()));
        if (record.deploymentConfiguration() != null) {
            view.set("deploymentConfiguration", record.deploymentConfiguration());
        }
        if (record.rollback() != null) {
            ObjectNode rollback = view.putObject("rollback");
            rollback.put("reason", record.rollback().reason());
            rollback.put("startedAt", record.rollback().startedAt());
            rollback.put("serviceRevisionArn", revisionArn(context, service, record.rollback().revision()));
        }
        boolean enabled = record.deploymentConfiguration() != null && record.deploymentConfiguration()
                .path("deploymentCircuitBreaker").path("enable").asBoolean();
        ObjectNode breaker = view.putObject("deploymentCircuitBreaker");
        breaker.put("status", !enabled ? "DISABLED" : record.rollback() != null
                || CircuitBreaker.FAILED_REASON.equals(record.statusReason()) ? "TRIGGERED"
                : record.inProgress() ? "MONITORING" : "MONITORING_COMPLETE");
        breaker.put("failureCount", record.failureCount());
        breaker.put("threshold", CircuitBreaker.threshold(service.desiredCount()));
        view.putObject("alarms").put("status", "DISABLED");
        return view;
    }

    /** A revision's counts in a service deployment: what the deployments running it ask for and have. */
    private static ObjectNode summary(PluginContext context, StoredService service, String revision) {
        ObjectNode view = context.json().createObjectNode();
        view.put("arn", revisionArn(context, service, revision));
        int requested = 0;
        int running = 0;
        int pending = 0;
        for (ServiceDeployment deployment : service.deployments()) {
            if (deployment.revision().equals(revision)) {
                requested += deployment.desiredCount();
                running += deployment.runningCount();
                pending += deployment.pendingCount();
            }
        }
        view.put("requestedTaskCount", requested);
        view.put("runningTaskCount", running);
        view.put("pendingTaskCount", pending);
        return view;
    }

    /** The DescribeServiceRevisions entry. */
    static ObjectNode revision(PluginContext context, StoredService service, ServiceRevision revision) {
        ObjectNode view = context.json().createObjectNode();
        view.put("serviceRevisionArn", revisionArn(context, service, revision.id()));
        view.put("serviceArn", service.serviceArn());
        view.put("clusterArn", context.arns().cluster(service.cluster()));
        view.put("taskDefinition", revision.taskDefinition());
        if (!revision.members().has("capacityProviderStrategy")) {
            view.put("launchType", revision.launchType());
        }
        view.setAll(revision.members().deepCopy());
        ArrayNode images = view.putArray("containerImages");
        context.taskDefinitions().resolve(revision.taskDefinition()).ifPresent(definition ->
                definition.containerDefinitions().forEach(container -> images.addObject()
                        .put("containerName", container.name()).put("image", container.image())));
        view.put("guardDutyEnabled", false);
        view.put("createdAt", revision.createdAt());
        return view;
    }
}
