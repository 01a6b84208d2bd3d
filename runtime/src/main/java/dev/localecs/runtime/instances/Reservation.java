package dev.localecs.runtime.instances;

import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.ContainerOverride;
import dev.localecs.api.model.PortMapping;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one EC2-launch task reserves on its container instance, as ECS counts it: CPU units (the task's
 * {@code cpu}, else the sum of its containers'), memory in MiB (the task's {@code memory}, else each
 * container's {@code memoryReservation} or else {@code memory}), and the static host ports of its port
 * mappings in {@code bridge} and {@code host} mode (awsvpc tasks have their own interface; dynamic host
 * ports are not reserved).
 *
 * @param cpu CPU units
 * @param memory MiB
 * @param tcpPorts static TCP host ports
 * @param udpPorts static UDP host ports
 */
record Reservation(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts) {

    static final Reservation NONE = new Reservation(0, 0, Set.of(), Set.of());

    Reservation {
        tcpPorts = Set.copyOf(tcpPorts);
        udpPorts = Set.copyOf(udpPorts);
    }

    /**
     * The reservation of a definition with its RunTask overrides.
     *
     * @param definition the task definition
     * @param overrides the overrides
     * @return the reservation
     */
    static Reservation of(TaskDefinition definition, Optional<TaskOverride> overrides) {
        List<ContainerDefinition> containers = definition.containerDefinitions() == null ? List.of()
                : definition.containerDefinitions();
        String taskCpu = overrides.map(TaskOverride::cpu).orElse(definition.cpu());
        String taskMemory = overrides.map(TaskOverride::memory).orElse(definition.memory());
        int cpu = 0;
        int memory = 0;
        for (ContainerDefinition container : containers) {
            Optional<ContainerOverride> override = overrides.map(TaskOverride::containerOverrides).orElse(List.of())
                    .stream().filter(o -> container.name().equals(o.name())).findFirst();
            Integer containerCpu = override.map(ContainerOverride::cpu).orElse(container.cpu());
            cpu += containerCpu == null ? 0 : containerCpu;
            Integer reservation = override.map(ContainerOverride::memoryReservation).orElse(container.memoryReservation());
            Integer hard = override.map(ContainerOverride::memory).orElse(container.memory());
            memory += reservation != null ? reservation : hard != null ? hard : 0;
        }
        if (taskCpu != null && !taskCpu.isBlank()) {
            cpu = cpuUnits(taskCpu);
        }
        if (taskMemory != null && !taskMemory.isBlank()) {
            memory = memoryMib(taskMemory);
        }
        Set<Integer> tcp = new TreeSet<>();
        Set<Integer> udp = new TreeSet<>();
        String mode = definition.networkMode() == null ? "bridge" : definition.networkMode();
        if (mode.equals("bridge") || mode.equals("host")) {
            for (ContainerDefinition container : containers) {
                for (PortMapping mapping : container.portMappings() == null ? List.<PortMapping>of()
                        : container.portMappings()) {
                    Integer host = mode.equals("host") && mapping.hostPort() == null ? mapping.containerPort()
                            : mapping.hostPort();
                    if (host == null || host == 0) {
                        continue;
                    }
                    ("udp".equalsIgnoreCase(mapping.protocol()) ? udp : tcp).add(host);
                }
            }
        }
        return new Reservation(cpu, memory, tcp, udp);
    }

    /** {@code "1024"}, {@code "1 vCPU"}, {@code ".5 vcpu"} → CPU units. */
    static int cpuUnits(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("vcpu")) {
            return (int) Math.round(Double.parseDouble(text.substring(0, text.length() - 4).trim()) * 1024);
        }
        return Integer.parseInt(text);
    }

    /** {@code "512"}, {@code "1 GB"}, {@code "0.5gb"} → MiB. */
    static int memoryMib(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("gb")) {
            return (int) Math.round(Double.parseDouble(text.substring(0, text.length() - 2).trim()) * 1024);
        }
        if (text.endsWith("mb")) {
            return Integer.parseInt(text.substring(0, text.length() - 2).trim());
        }
        return Integer.parseInt(text);
    }

    Reservation plus(Reservation other) {
        Set<Integer> tcp = new TreeSet<>(tcpPorts);
        tcp.addAll(other.tcpPorts);
        Set<Integer> udp = new TreeSet<>(udpPorts);
        udp.addAll(other.udpPorts);
        return new Reservation(cpu + other.cpu, memory + other.memory, tcp, udp);
    }
}
