package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Daemons, deployments and revisions in ECS's wire shapes. Counts are live, over the cluster's ACTIVE container
 * instances (the Docker engine's one, or a multi-machine engine's nodes), all counted under the daemon's first
 * capacity provider.
 */
final class DaemonViews {

    private DaemonViews() {
    }

    /** What UpdateDaemon and DeleteDaemon answer. */
    static Map<String, Object> change(StoredDaemon daemon) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonArn", daemon.daemonArn());
        answer.put("status", daemon.status());
        answer.put("createdAt", daemon.createdAt());
        answer.put("updatedAt", daemon.updatedAt());
        answer.put("deploymentArn", daemon.latestDeployment().arn());
        return answer;
    }

    /** ECS's {@code DaemonDetail}. */
    static ObjectNode detail(PluginContext context, StoredDaemon daemon) {
        List<Task> live = DaemonTasks.live(context, daemon);
        int instances = activeInstances(context, daemon);
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonArn", daemon.daemonArn());
        view.put("clusterArn", context.arns().cluster(daemon.cluster()));
        view.put("status", daemon.status());
        ArrayNode revisions = view.putArray("currentRevisions");
        for (DaemonRevision revision : daemon.revisions()) {
            boolean target = "ACTIVE".equals(daemon.status()) && revision.equals(daemon.currentRevision());
            boolean hasTasks = live.stream().anyMatch(task -> DaemonTasks.runs(daemon, task, revision.arn()));
            if (!target && !hasTasks) {
                continue;
            }
            int running = DaemonTasks.running(live, daemon, revision.arn());
            ObjectNode detail = revisions.addObject();
            detail.put("arn", revision.arn());
            ArrayNode providers = detail.putArray("capacityProviders");
            for (int i = 0; i < daemon.capacityProviderArns().size(); i++) {
                ObjectNode provider = providers.addObject();
                provider.put("arn", daemon.capacityProviderArns().get(i));
                provider.put("runningCount", i == 0 ? running : 0);
                provider.put("withoutDaemonCount", i == 0 ? Math.max(0, instances - running) : 0);
            }
            detail.put("totalRunningCount", running);
            detail.put("totalWithoutDaemonCount", Math.max(0, instances - running));
        }
        view.put("deploymentArn", daemon.latestDeployment().arn());
        view.put("createdAt", daemon.createdAt());
        view.put("updatedAt", daemon.updatedAt());
        return view;
    }

    /** ECS's {@code DaemonSummary}. */
    static ObjectNode summary(PluginContext context, StoredDaemon daemon) {
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonArn", daemon.daemonArn());
        view.put("status", daemon.status());
        view.put("createdAt", daemon.createdAt());
        view.put("updatedAt", daemon.updatedAt());
        return view;
    }

    /** ECS's {@code DaemonDeployment}. */
    static ObjectNode deployment(PluginContext context, StoredDaemon daemon, DaemonDeployment deployment) {
        List<Task> live = DaemonTasks.live(context, daemon);
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonDeploymentArn", deployment.arn());
        view.put("clusterArn", context.arns().cluster(daemon.cluster()));
        view.put("status", deployment.status());
        view.put("statusReason", deployment.statusReason());
        if (deployment.targetRevisionArn() != null) {
            view.set("targetDaemonRevision", revisionDetail(context, daemon, live, deployment.targetRevisionArn()));
        }
        ArrayNode sources = view.putArray("sourceDaemonRevisions");
        deployment.sourceRevisionArns().forEach(arn -> sources.add(revisionDetail(context, daemon, live, arn)));
        ObjectNode breaker = view.putObject("circuitBreaker");
        breaker.put("failureCount", deployment.failedTasks());
        breaker.put("status", deployment.finished() ? "MONITORING_COMPLETE" : "MONITORING");
        breaker.put("threshold", DaemonScheduler.FAILURE_THRESHOLD);
        ObjectNode alarms = view.putObject("alarms");
        boolean alarmsOn = deployment.deploymentConfiguration().path("alarms").path("enable").asBoolean(false);
        alarms.put("status", !alarmsOn ? "DISABLED" : deployment.finished() ? "MONITORING_COMPLETE" : "MONITORING");
        alarms.set("alarmNames", deployment.deploymentConfiguration().path("alarms").path("alarmNames").isArray()
                ? deployment.deploymentConfiguration().path("alarms").path("alarmNames").deepCopy()
                : context.json().createArrayNode());
        alarms.putArray("triggeredAlarmNames");
        view.set("deploymentConfiguration", deployment.deploymentConfiguration());
        view.put("createdAt", deployment.createdAt());
        putTime(view, "startedAt", deployment.startedAt());
        putTime(view, "stoppedAt", deployment.stoppedAt());
        putTime(view, "finishedAt", deployment.finishedAt());
        return view;
    }

    /** ECS's {@code DaemonDeploymentSummary}. */
    static ObjectNode deploymentSummary(PluginContext context, StoredDaemon daemon, DaemonDeployment deployment) {
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonDeploymentArn", deployment.arn());
        view.put("daemonArn", daemon.daemonArn());
        view.put("clusterArn", context.arns().cluster(daemon.cluster()));
        view.put("status", deployment.status());
        view.put("statusReason", deployment.statusReason());
        if (deployment.targetRevisionArn() != null) {
            view.put("targetDaemonRevisionArn", deployment.targetRevisionArn());
        }
        view.put("createdAt", deployment.createdAt());
        putTime(view, "startedAt", deployment.startedAt());
        putTime(view, "stoppedAt", deployment.stoppedAt());
        putTime(view, "finishedAt", deployment.finishedAt());
        return view;
    }

    /** ECS's {@code DaemonRevision}: the containers' images, with their digests once a task of it ran. */
    static ObjectNode revision(PluginContext context, StoredDaemon daemon, DaemonRevision revision,
                               StoredDaemonTaskDefinition definition) {
        List<Task> live = DaemonTasks.live(context, daemon);
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonRevisionArn", revision.arn());
        view.put("clusterArn", context.arns().cluster(daemon.cluster()));
        view.put("daemonArn", daemon.daemonArn());
        view.put("daemonTaskDefinitionArn", revision.daemonTaskDefinitionArn());
        view.put("createdAt", revision.createdAt());
        ArrayNode images = view.putArray("containerImages");
        if (definition != null) {
            definition.members().path("containerDefinitions").forEach(container -> {
                ObjectNode image = images.addObject();
                String name = container.path("name").asText();
                image.put("containerName", name);
                image.put("image", container.path("image").asText());
                live.stream().filter(task -> DaemonTasks.runs(daemon, task, revision.arn()))
                        .flatMap(task -> task.containers().stream())
                        .filter(c -> name.equals(c.name()) && c.imageDigest() != null)
                        .findFirst().ifPresent(c -> image.put("imageDigest", c.imageDigest()));
            });
        }
        view.put("propagateTags", revision.propagateTags());
        view.put("enableECSManagedTags", revision.enableECSManagedTags());
        view.put("enableExecuteCommand", revision.enableExecuteCommand());
        view.put("critical", revision.critical());
        return view;
    }

    private static ObjectNode revisionDetail(PluginContext context, StoredDaemon daemon, List<Task> live,
                                             String revisionArn) {
        int running = DaemonTasks.running(live, daemon, revisionArn);
        int without = Math.max(0, activeInstances(context, daemon) - running);
        int draining = (int) DaemonTasks.stopping(context, daemon).stream()
                .filter(task -> DaemonTasks.runs(daemon, task, revisionArn))
                .map(Task::containerInstanceArn).distinct().count();
        ObjectNode detail = context.json().createObjectNode();
        detail.put("arn", revisionArn);
        ArrayNode providers = detail.putArray("capacityProviders");
        for (int i = 0; i < daemon.capacityProviderArns().size(); i++) {
            ObjectNode provider = providers.addObject();
            provider.put("arn", daemon.capacityProviderArns().get(i));
            provider.put("runningInstanceCount", i == 0 ? running : 0);
            provider.put("withoutDaemonInstanceCount", i == 0 ? without : 0);
            provider.put("drainingInstanceCount", i == 0 ? draining : 0);
        }
        detail.put("totalRunningInstanceCount", running);
        detail.put("totalWithoutDaemonInstanceCount", without);
        detail.put("totalDrainingInstanceCount", draining);
        return detail;
    }

    /** The cluster's ACTIVE container instances, each of which runs one task of the daemon. */
    private static int activeInstances(PluginContext context, StoredDaemon daemon) {
        return context.containerInstances().list(daemon.cluster(), Optional.empty(), Optional.of("ACTIVE")).size();
    }

    private static void putTime(ObjectNode view, String name, Double value) {
        if (value != null) {
            view.put(name, value);
        }
    }
}
