package dev.localecs.plugins.taskdefinitions;

import static dev.localecs.api.error.EcsException.client;
import static dev.localecs.api.error.EcsException.invalidParameter;

import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.ContainerDependency;
import dev.localecs.api.model.MountPoint;
import dev.localecs.api.model.PortMapping;
import dev.localecs.api.model.Volume;
import dev.localecs.api.model.VolumeFrom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks ECS makes on RegisterTaskDefinition, with ECS's error codes and wording.
 */
final class TaskDefinitionValidator {
    static final int MAX_CONTAINERS = 10;
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");
    private static final Set<String> COMPATIBILITIES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
    private static final Set<String> PID_MODES = Set.of("host", "task");
    private static final Set<String> IPC_MODES = Set.of("host", "task", "none");
    private static final Set<String> CONDITIONS = Set.of("START", "COMPLETE", "SUCCESS", "HEALTHY");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

    private TaskDefinitionValidator() {
    }

    static void validate(RegisterTaskDefinitionRequest request) {
        if (request.family() == null || request.family().isBlank()) {
            throw client("Family can not be blank.");
        }
        if (!TaskDefinitionRef.NAME.matcher(request.family()).matches()) {
            throw client("Family contains invalid characters or is too long: up to 255 letters (uppercase and "
                    + "lowercase), numbers, hyphens, and underscores are allowed.");
        }
        oneOf("networkMode", request.networkMode(), NETWORK_MODES);
        oneOf("pidMode", request.pidMode(), PID_MODES);
        oneOf("ipcMode", request.ipcMode(), IPC_MODES);
        for (String compatibility : request.compatibilitiesOrEmpty()) {
            oneOf("requiresCompatibilities", compatibility, COMPATIBILITIES);
        }
        List<ContainerDefinition> containers = request.containerDefinitions();
        if (containers == null || containers.isEmpty()) {
            throw client("Container list cannot be empty.");
        }
        if (containers.size() > MAX_CONTAINERS) {
            throw client("Too many containers: a task definition can have at most " + MAX_CONTAINERS + ".");
        }
        Optional<Integer> taskCpu = TaskSize.cpuUnits(request.cpu());
        Optional<Integer> taskMemory = TaskSize.memoryMiB(request.memory());
        Set<String> volumeNames = volumeNames(request.volumesOrEmpty());
        Set<String> containerNames = new HashSet<>();
        for (ContainerDefinition container : containers) {
            if (container == null) {
                throw client("Container definitions cannot contain null entries.");
            }
            validateContainer(request, container, taskMemory.isPresent(), volumeNames);
            if (!containerNames.add(container.name())) {
                throw client("Duplicate container name found: " + container.name() + ".");
            }
        }
        if (containers.stream().noneMatch(c -> c.essential() == null || c.essential())) {
            throw client("Task definition does not have any essential container.");
        }
        for (ContainerDefinition container : containers) {
            validateReferences(container, containers, containerNames);
        }
        if ("awsvpc".equals(request.networkMode())) {
            containers.forEach(TaskDefinitionValidator::validateAwsvpc);
        }
        if (request.fargate()) {
            validateFargate(request, taskCpu, taskMemory);
        }
    }

    /** What a container cannot set when it shares the task's network interface (messages as ECS words them). */
    private static void validateAwsvpc(ContainerDefinition c) {
        String mode = " when networkMode=awsvpc.";
        if (c.links() != null && !c.links().isEmpty()) {
            throw client("Links are not supported" + mode);
        }
        if (c.hostname() != null) {
            throw client("hostname is not supported on container" + mode);
        }
        if (c.dnsServers() != null && !c.dnsServers().isEmpty()) {
            throw client("DNS servers are not supported on container" + mode);
        }
        if (c.dnsSearchDomains() != null && !c.dnsSearchDomains().isEmpty()) {
            throw client("DNS search domains are not supported on container" + mode);
        }
        if (c.extraHosts() != null && !c.extraHosts().isEmpty()) {
            throw client("Extra hosts are not supported on container" + mode);
        }
        if (Boolean.TRUE.equals(c.disableNetworking())) {
            throw client("Disable Networking is not supported on container" + mode);
        }
    }

    private static void validateContainer(RegisterTaskDefinitionRequest request, ContainerDefinition c,
                                          boolean taskMemory, Set<String> volumeNames) {
        if (c.name() == null || c.name().isEmpty()) {
            throw client("Container.name should not be null or empty.");
        }
        if (c.image() == null || c.image().isEmpty()) {
            throw client("Container.image should not be null or empty.");
        }
        if (!TaskDefinitionRef.NAME.matcher(c.name()).matches()) {
            throw client("Container name '" + c.name() + "' is invalid: up to 255 letters (uppercase and "
                    + "lowercase), numbers, hyphens, and underscores are allowed.");
        }
        String prefix = "Invalid setting for container '" + c.name() + "'. ";
        if (!taskMemory && c.memory() == null && c.memoryReservation() == null) {
            throw client(prefix + "At least one of 'memory' or 'memoryReservation' must be specified.");
        }
        if (c.memory() != null && c.memory() < 6) {
            throw client(prefix + "The 'memory' setting must be at least 6 MiB.");
        }
        if (c.memory() != null && c.memoryReservation() != null && c.memoryReservation() > c.memory()) {
            throw client(prefix + "'memoryReservation' must be less than or equal to 'memory'.");
        }
        if (c.cpu() != null && c.cpu() < 0) {
            throw client(prefix + "'cpu' must not be negative.");
        }
        for (PortMapping port : nonNull(c.portMappings())) {
            validatePort(request, c, port, prefix);
        }
        for (MountPoint mount : nonNull(c.mountPoints())) {
            if (mount.sourceVolume() == null || !volumeNames.contains(mount.sourceVolume())) {
                throw client(prefix + "Unknown volume '" + mount.sourceVolume() + "' in mountPoints: declare it in "
                        + "the task definition's volumes.");
            }
            if (mount.containerPath() == null || mount.containerPath().isEmpty()) {
                throw client(prefix + "mountPoints.containerPath should not be null or empty.");
            }
        }
        if (c.healthCheck() != null && (c.healthCheck().command() == null || c.healthCheck().command().isEmpty())) {
            throw client(prefix + "healthCheck.command should not be null or empty.");
        }
    }

    private static void validatePort(RegisterTaskDefinitionRequest request, ContainerDefinition c, PortMapping port,
                                     String prefix) {
        oneOf("portMappings.protocol", port.protocol(), PROTOCOLS);
        if (port.containerPort() == null && port.containerPortRange() == null) {
            throw client(prefix + "portMappings.containerPort should not be null.");
        }
        if (port.containerPort() != null && (port.containerPort() < 1 || port.containerPort() > 65535)) {
            throw client(prefix + "Invalid containerPort " + port.containerPort() + ": must be between 1 and 65535.");
        }
        if (port.hostPort() != null && (port.hostPort() < 0 || port.hostPort() > 65535)) {
            throw client(prefix + "Invalid hostPort " + port.hostPort() + ": must be between 0 and 65535.");
        }
        boolean sameNamespace = "awsvpc".equals(request.networkMode()) || "host".equals(request.networkMode());
        if (sameNamespace && port.hostPort() != null && port.containerPort() != null
                && !port.hostPort().equals(port.containerPort())) {
            throw invalidParameter("When networkMode=" + request.networkMode()
                    + ", the host ports and container ports in port mappings must match.");
        }
    }

    private static void validateReferences(ContainerDefinition c, List<ContainerDefinition> all, Set<String> names) {
        for (ContainerDependency dependency : nonNull(c.dependsOn())) {
            oneOf("dependsOn.condition", dependency.condition(), CONDITIONS);
            if (dependency.containerName() == null || !names.contains(dependency.containerName())) {
                throw client("Container '" + c.name() + "' depends on container '" + dependency.containerName()
                        + "', which is not in the task definition.");
            }
            if (dependency.containerName().equals(c.name())) {
                throw client("Container '" + c.name() + "' cannot depend on itself.");
            }
            if ("HEALTHY".equals(dependency.condition())) {
                ContainerDefinition target = all.stream()
                        .filter(other -> other.name().equals(dependency.containerName())).findFirst().orElseThrow();
                if (target.healthCheck() == null) {
                    throw client("Container '" + c.name() + "' depends on '" + target.name()
                            + "' with condition HEALTHY, but '" + target.name() + "' has no healthCheck.");
                }
            }
        }
        for (VolumeFrom from : nonNull(c.volumesFrom())) {
            if (from.sourceContainer() == null || !names.contains(from.sourceContainer())) {
                throw client("Container '" + c.name() + "' has volumesFrom source container '"
                        + from.sourceContainer() + "', which is not in the task definition.");
            }
        }
        for (String link : nonNull(c.links())) {
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            if (!names.contains(target)) {
                throw client("Container '" + c.name() + "' links to '" + target
                        + "', which is not in the task definition.");
            }
        }
    }

    private static void validateFargate(RegisterTaskDefinitionRequest request, Optional<Integer> cpu,
                                        Optional<Integer> memory) {
        if (request.networkMode() == null || !request.networkMode().equals("awsvpc")) {
            throw client("Fargate only supports network mode 'awsvpc'.");
        }
        if (cpu.isEmpty()) {
            throw client("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (memory.isEmpty()) {
            throw client("Fargate requires that 'memory' be defined at the task level.");
        }
        if (!TaskSize.fargateSupports(cpu.get(), memory.get())) {
            throw client("No Fargate configuration exists for given values: " + cpu.get() + " CPU, "
                    + memory.get() + " memory. See the Amazon ECS documentation for supported values.");
        }
        FargateRules.violation(request).ifPresent(message -> {
            throw client(message);
        });
    }

    private static Set<String> volumeNames(List<Volume> volumes) {
        Set<String> names = new HashSet<>();
        for (Volume volume : volumes) {
            if (volume == null || volume.name() == null || volume.name().isEmpty()) {
                throw client("Volume.name should not be null or empty.");
            }
            if (!TaskDefinitionRef.NAME.matcher(volume.name()).matches()) {
                throw client("Volume name '" + volume.name() + "' is invalid: up to 255 letters (uppercase and "
                        + "lowercase), numbers, hyphens, and underscores are allowed.");
            }
            if (!names.add(volume.name())) {
                throw client("Duplicate volume name found: " + volume.name() + ".");
            }
        }
        return names;
    }

    private static void oneOf(String member, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw invalidParameter("Invalid " + member + " '" + value + "'. Valid values: "
                    + allowed.stream().sorted().toList() + ".");
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
