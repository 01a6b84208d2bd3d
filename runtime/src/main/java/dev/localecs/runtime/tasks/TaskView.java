package dev.localecs.runtime.tasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only view of one task for the credentials and metadata endpoint.
 *
 * @param taskId the task id
 * @param record the record (package use)
 * @param subnetGateway the task network's gateway and prefix ({@code SubnetGatewayIpv4Address})
 * @param facts what the engine reports of a container (by its id) beyond the record ({@link TaskEngine#facts})
 */
public record TaskView(String taskId, TaskRecord record, String subnetGateway,
                       Function<String, Optional<ContainerFacts>> facts) {

    /** @return the task role, if any */
    public Optional<String> taskRoleArn() {
        return record.taskRoleArn();
    }

    /** @return the addresses the task's containers send from */
    public Set<String> addresses() {
        return record.addresses();
    }

    /** @return whether the task has the named container */
    public boolean hasContainer(String name) {
        return record.container(name) != null;
    }

    /** @return the container's Docker id, if it was created */
    public Optional<String> runtimeId(String name) {
        ContainerState c = record.container(name);
        return c == null ? Optional.empty() : Optional.ofNullable(c.runtimeId);
    }

    /** @return the container names */
    public List<String> containerNames() {
        synchronized (record) {
            return List.copyOf(record.containers.keySet());
        }
    }

    /** Task metadata as the ECS agent's v3/v4 endpoint gives it. */
    public Map<String, Object> taskMetadata() {
        synchronized (record) {
            var definition = record.spec.taskDefinition();
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("Cluster", record.clusterArn);
            task.put("TaskARN", record.taskArn);
            task.put("Family", definition.family());
            task.put("Revision", String.valueOf(definition.revision()));
            task.put("DesiredStatus", record.desiredStatus.name());
            task.put("KnownStatus", record.lastStatus.name());
            Map<String, Object> limits = new LinkedHashMap<>();
            if (definition.cpu() != null) {
                limits.put("CPU", Integer.parseInt(definition.cpu()) / 1024.0);
            }
            if (definition.memory() != null) {
                limits.put("Memory", Integer.parseInt(definition.memory()));
            }
            task.put("Limits", limits);
            put(task, "PullStartedAt", record.pullStartedAt);
            put(task, "PullStoppedAt", record.pullStoppedAt);
            put(task, "ExecutionStoppedAt", record.executionStoppedAt);
            // the engine's report of each container, asked once for the whole answer
            Map<String, Optional<ContainerFacts>> reported = new LinkedHashMap<>();
            record.containers.forEach((name, c) -> reported.put(name, factsOf(c)));
            task.put("AvailabilityZone", reported.values().stream()
                    .flatMap(f -> f.flatMap(ContainerFacts::availabilityZone).stream()).findFirst()
                    .orElse(TaskSnapshots.availabilityZone(record)));
            task.put("LaunchType", record.spec.launchType());
            task.put("Containers", reported.entrySet().stream()
                    .map(e -> containerMetadata(e.getKey(), e.getValue())).toList());
            return task;
        }
    }

    /** Container metadata as the ECS agent's v3/v4 endpoint gives it. */
    public Map<String, Object> containerMetadata(String name) {
        synchronized (record) {
            return containerMetadata(name, factsOf(record.containers.get(name)));
        }
    }

    /** One container's metadata with what the engine reports of it; called under the record's lock. */
    private Map<String, Object> containerMetadata(String name, Optional<ContainerFacts> reported) {
        ContainerState c = record.containers.get(name);
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("DockerId", reported.flatMap(ContainerFacts::dockerId)
                .orElse(c.runtimeId == null ? "" : c.runtimeId));
        container.put("Name", c.name);
        container.put("DockerName", record.project + "-" + c.name + "-1");
        container.put("Image", c.image);
        container.put("ImageID", reported.flatMap(ContainerFacts::imageId)
                .orElse(c.imageDigest == null ? "" : c.imageDigest));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("com.amazonaws.ecs.cluster", record.cluster);
        labels.put("com.amazonaws.ecs.container-name", c.name);
        labels.put("com.amazonaws.ecs.task-arn", record.taskArn);
        labels.put("com.amazonaws.ecs.task-definition-family", record.spec.taskDefinition().family());
        labels.put("com.amazonaws.ecs.task-definition-version",
                String.valueOf(record.spec.taskDefinition().revision()));
        container.put("Labels", labels);
        container.put("DesiredStatus", record.desiredStatus.name());
        container.put("KnownStatus", c.lastStatus.name());
        if (c.exitCode != null) {
            container.put("ExitCode", c.exitCode);
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("CPU", c.cpu == null ? 0 : Integer.parseInt(c.cpu));
        if (c.memory != null) {
            limits.put("Memory", Integer.parseInt(c.memory));
        }
        container.put("Limits", limits);
        put(container, "CreatedAt", record.createdAt);
        put(container, "StartedAt", reported.flatMap(ContainerFacts::startedAt).orElse(c.startedAt));
        put(container, "FinishedAt", reported.flatMap(ContainerFacts::finishedAt).orElse(c.finishedAt));
        container.put("Type", "NORMAL");
        container.put("ContainerARN", c.containerArn);
        container.put("LogDriver", "json-file");
        container.put("LogOptions", Map.of());
        String mode = record.spec.taskDefinition().networkMode() == null ? "bridge"
                : record.spec.taskDefinition().networkMode();
        String ip = reported.flatMap(ContainerFacts::ip).orElse(record.awsvpc() ? record.privateIp : c.ip);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("NetworkMode", mode);
        network.put("IPv4Addresses", ip == null ? List.of() : List.of(ip));
        if (record.awsvpc()) {
            network.put("AttachmentIndex", 0);
            if (record.macAddress != null) {
                network.put("MACAddress", record.macAddress);
            }
            network.put("PrivateDNSName", ip == null ? "" : "ip-" + ip.replace('.', '-') + ".ec2.internal");
            network.put("SubnetGatewayIpv4Address", subnetGateway);
        }
        container.put("Networks", List.of(network));
        if (!c.networkBindings.isEmpty()) {
            container.put("Ports", c.networkBindings.stream().map(b -> {
                Map<String, Object> port = new LinkedHashMap<>();
                port.put("ContainerPort", b.containerPort());
                port.put("Protocol", b.protocol());
                port.put("HostPort", b.hostPort());
                port.put("HostIp", b.bindIP());
                return port;
            }).toList());
        }
        if (c.hasHealthCheck) {
            container.put("Health", Map.of("status", c.healthStatus.name()));
        }
        return container;
    }

    private Optional<ContainerFacts> factsOf(ContainerState c) {
        return c.runtimeId == null ? Optional.empty() : facts.apply(c.runtimeId);
    }

    private static void put(Map<String, Object> map, String key, Instant instant) {
        if (instant != null) {
            map.put(key, instant.toString());
        }
    }
}
