package dev.localecs.runtime.tasks;

import dev.localecs.api.EcsArns;
import dev.localecs.api.model.Attachment;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.KeyValuePair;
import dev.localecs.api.model.ManagedAgent;
import dev.localecs.api.model.NetworkInterface;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskEphemeralStorage;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link TaskRecord} as the immutable {@link Task} that DescribeTasks answers and listeners receive. */
final class TaskSnapshots {

    /** The managed agent's name, as ECS shows it. */
    static final String EXECUTE_COMMAND_AGENT = "ExecuteCommandAgent";

    private TaskSnapshots() {
    }

    /** The zone of the instance placement chose, or the local engine's. */
    static String availabilityZone(TaskRecord r) {
        return r.spec.placement().availabilityZone().orElse("local-1a");
    }

    /** The task as ECS shows it; called under the record's lock. */
    static Task of(TaskRecord r) {
        List<Container> list = new ArrayList<>();
        for (ContainerState c : r.containers.values()) {
            List<NetworkInterface> interfaces = r.awsvpc() && r.privateIp != null
                    ? List.of(new NetworkInterface(r.attachmentId, r.privateIp, null)) : List.of();
            list.add(new Container(c.containerArn, r.taskArn, c.name, c.image, c.imageDigest, c.runtimeId,
                    c.lastStatus.name(), c.exitCode, c.reason, c.networkBindings, interfaces, c.healthStatus.name(),
                    managedAgents(r, c), c.cpu, c.memory, c.memoryReservation, null));
        }
        var spec = r.spec;
        var definition = spec.taskDefinition();
        boolean fargate = "FARGATE".equals(spec.launchType());
        String[] arn = r.clusterArn.split(":");
        return new Task(attachments(r), List.of(), availabilityZone(r), spec.capacityProviderName().orElse(null), r.clusterArn,
                r.connectivityAt == null ? null : "CONNECTED", r.connectivityAt,
                fargate ? null : "arn:aws:ecs:" + arn[3] + ":" + arn[4] + ":container-instance/" + r.cluster
                        + "/" + EcsArns.containerInstanceId(r.cluster, spec.placement().machine()),
                list, cpu(r), r.createdAt, r.desiredStatus.name(), spec.enableExecuteCommand(), r.executionStoppedAt,
                spec.group(), healthStatus(r).name(), List.of(), r.lastStatus.name(), spec.launchType(), memory(r),
                r.overrides, fargate ? spec.platformVersion().orElse("1.4.0") : null, fargate ? "Linux" : null,
                r.pullStartedAt, r.pullStoppedAt, r.startedAt, spec.startedBy().orElse(null),
                r.stopCode == null ? null : r.stopCode.wire(), r.stoppedAt, r.stoppedReason, r.stoppingAt,
                spec.tags(), r.taskArn, definition.taskDefinitionArn(), r.version,
                fargate ? definition.ephemeralStorage() : null, fargate ? new TaskEphemeralStorage(20, null) : null);
    }

    /**
     * ECS Exec's agent, on every container of a task started with {@code enableExecuteCommand}: it runs while
     * the container runs (the runtime serves the data channel itself, so it is up exactly then).
     */
    private static List<ManagedAgent> managedAgents(TaskRecord r, ContainerState c) {
        if (!r.spec.enableExecuteCommand()) {
            return List.of();
        }
        String status = switch (c.lastStatus) {
            case RUNNING -> "RUNNING";
            case STOPPED -> "STOPPED";
            default -> "PENDING";
        };
        return List.of(new ManagedAgent(c.startedAt, EXECUTE_COMMAND_AGENT, null, status));
    }

    private static List<Attachment> attachments(TaskRecord r) {
        if (!r.awsvpc() || r.attachmentId == null) {
            return List.of();
        }
        List<KeyValuePair> details = new ArrayList<>();
        details.add(new KeyValuePair("subnetId", r.spec.subnetId().orElse("subnet-local")));
        details.add(new KeyValuePair("networkInterfaceId", r.networkInterfaceId));
        if (r.macAddress != null) {
            details.add(new KeyValuePair("macAddress", r.macAddress));
        }
        if (r.privateIp != null) {
            details.add(new KeyValuePair("privateDnsName", "ip-" + r.privateIp.replace('.', '-') + ".ec2.internal"));
            details.add(new KeyValuePair("privateIPv4Address", r.privateIp));
        }
        String status = r.lastStatus == TaskStatus.STOPPED ? "DELETED" : r.privateIp == null ? "PRECREATED"
                : "ATTACHED";
        return List.of(new Attachment(r.attachmentId, "ElasticNetworkInterface", status, details));
    }

    /** The task's health: that of its essential containers with a health check. */
    private static HealthStatus healthStatus(TaskRecord r) {
        boolean any = false;
        for (ContainerState c : r.containers.values()) {
            if (!c.essential || !c.hasHealthCheck) {
                continue;
            }
            any = true;
            if (c.healthStatus != HealthStatus.HEALTHY) {
                return c.healthStatus;
            }
        }
        return any ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
    }

    private static String cpu(TaskRecord r) {
        return r.overrides != null && r.overrides.cpu() != null ? r.overrides.cpu() : r.spec.taskDefinition().cpu();
    }

    private static String memory(TaskRecord r) {
        return r.overrides != null && r.overrides.memory() != null ? r.overrides.memory()
                : r.spec.taskDefinition().memory();
    }
}
