package dev.localecs.plugins.services.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.plugins.services.network.Registrations.Registration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What ECS registers for a task: its target in a target group, its instance in a Cloud Map service. */
final class RegistrationTargets {
    private final String endpointHost;
    private final Optional<String> instanceId;
    private final Function<Task, Optional<TaskDefinition>> definitions;

    /**
     * @param endpointHost where a bridge task's published ports are reached from the task network
     * @param instanceId the EC2 instance id standing for this host in {@code instance} target groups
     * @param definitions a task's definition
     */
    RegistrationTargets(String endpointHost, Optional<String> instanceId,
                        Function<Task, Optional<TaskDefinition>> definitions) {
        this.endpointHost = endpointHost;
        this.instanceId = instanceId;
        this.definitions = definitions;
    }

    /**
     * The target ECS registers for a task: awsvpc ({@code ip} targets) its address and container port, else
     * ({@code instance} targets) this host's instance id and the host port.
     *
     * @throws IllegalStateException for an instance target without {@code upstream.elbv2.instance-id}
     */
    Optional<Registration> target(Task task, String group, TargetGroups.Group tg, String container,
                                  int containerPort) {
        Optional<String> eni = TaskPorts.eniAddress(task);
        if (eni.isPresent() || "ip".equals(tg.targetType())) {
            return eni.map(ip -> new Registration(task.taskArn(), "elbv2", group, ip, containerPort));
        }
        var binding = TaskPorts.hostBinding(task, container, containerPort);
        if (binding.isEmpty()) {
            return Optional.empty();
        }
        String instance = instanceId.orElseThrow(() -> new IllegalStateException("cannot register tasks in the "
                + "instance target group " + group + ": set upstream.elbv2.instance-id to the EC2 instance id that "
                + "stands for this host"));
        return Optional.of(new Registration(task.taskArn(), "elbv2", group, instance, binding.get().hostPort()));
    }

    /** An instance to register in Cloud Map, with its attributes. */
    record Instance(Registration registration, Map<String, String> attributes) {
    }

    Optional<Instance> registryInstance(Task task, JsonNode registry, CloudMap.Names names) {
        Optional<TaskDefinition> definition = definitions.apply(task);
        Optional<String> container = Optional.ofNullable(registry.path("containerName").textValue());
        Optional<TaskPorts.NamedPort> port = registry.path("containerPort").canConvertToInt()
                ? Optional.of(new TaskPorts.NamedPort(container.or(() -> definition
                        .flatMap(d -> TaskPorts.firstPort(d, Optional.empty())).map(TaskPorts.NamedPort::containerName))
                        .orElse(""), registry.path("containerPort").asInt()))
                : definition.flatMap(d -> TaskPorts.firstPort(d, container));
        Optional<Integer> explicit = registry.path("port").canConvertToInt()
                ? Optional.of(registry.path("port").asInt()) : Optional.empty();
        return Optional.of(instance(task, port, explicit, names.serviceId()));
    }

    /**
     * A task as a Cloud Map instance, as ECS registers it: instance id = task id; {@code AWS_INSTANCE_IPV4} an
     * awsvpc task's ENI address (a bridge task's: the endpoint address, where its published ports are reached from
     * the task network); {@code AWS_INSTANCE_PORT} the container port (bridge: the host port).
     */
    Instance instance(Task task, Optional<TaskPorts.NamedPort> containerPort, Optional<Integer> explicitPort,
                              String serviceId) {
        Optional<String> eni = TaskPorts.eniAddress(task);
        String ip;
        Optional<Integer> port;
        if (eni.isPresent()) {
            ip = eni.get();
            port = explicitPort.or(() -> containerPort.map(TaskPorts.NamedPort::containerPort));
        } else {
            ip = endpointHost;
            port = containerPort.flatMap(p -> TaskPorts.hostBinding(task, p.containerName(), p.containerPort()))
                    .map(b -> b.hostPort());
        }
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("AWS_INSTANCE_IPV4", ip);
        port.ifPresent(p -> attributes.put("AWS_INSTANCE_PORT", Integer.toString(p)));
        attributes.put("AVAILABILITY_ZONE", "local-1a");
        attributes.put("AWS_INIT_HEALTH_STATUS", "HEALTHY");
        attributes.put("ECS_CLUSTER_NAME", task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1));
        attributes.put("ECS_SERVICE_NAME", task.group() == null ? "" : task.group().replaceFirst("^service:", ""));
        definitions.apply(task).ifPresent(d -> attributes.put("ECS_TASK_DEFINITION_FAMILY", d.family()));
        return new Instance(new Registration(task.taskArn(), "cloudmap", serviceId, taskId, port.orElse(0)),
                attributes);
    }
}
