package dev.localecs.runtime.instances;

import static java.util.Objects.requireNonNull;

import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One machine of the engine as a container instance shows it, whatever the engine: the Docker engine's host, or
 * one node of a multi-machine engine.
 *
 * @param name the node name; empty for an engine's only machine
 * @param cpuUnits the CPU tasks can reserve, in CPU units
 * @param memoryMib the memory tasks can reserve, in MiB
 * @param attributes the attributes the instance has before custom ones
 * @param ec2InstanceId its EC2 instance id
 * @param engineVersion {@code versionInfo.dockerVersion}; null when unknown
 */
record Machine(Optional<String> name, long cpuUnits, long memoryMib, Map<String, String> attributes,
               String ec2InstanceId, String engineVersion) {

    Machine {
        requireNonNull(name, "name is null");
        attributes = Map.copyOf(attributes);
        requireNonNull(ec2InstanceId, "ec2InstanceId is null");
    }

    /**
     * The engine's machine before the engine was ever reached: no resources known (placement leaves it to the
     * launch to say what is wrong) and no attributes.
     */
    static final Machine UNKNOWN = new Machine(Optional.empty(), 0, 0, Map.of(), ec2InstanceId("unknown"), null);

    /**
     * The engine's machines: its nodes when it has several, else its host.
     *
     * @param host the engine's host (its attributes are every machine's, a node's own override them)
     * @param nodes the engine's nodes; empty for a single-machine engine
     * @return the machines in name order
     */
    static List<Machine> of(EngineHost host, List<EngineNode> nodes) {
        Map<String, String> common = InstanceAttributes.of(host);
        if (nodes.isEmpty()) {
            return List.of(new Machine(Optional.empty(), host.cpus() * 1024L, host.memoryMib(), common,
                    ec2InstanceId(host.engineId()), host.engineVersion()));
        }
        return nodes.stream().map(node -> {
            Map<String, String> attributes = new TreeMap<>(common);
            attributes.putAll(node.attributes());
            return new Machine(Optional.of(node.name()), node.cpuUnits(), node.memoryMib(), attributes,
                    node.ec2InstanceId().orElseGet(() -> ec2InstanceId(host.engineId() + "/" + node.name())),
                    node.runtimeVersion());
        }).sorted(java.util.Comparator.comparing(m -> m.name().orElse(""))).toList();
    }

    /** The EC2 instance id of a machine: {@code i-} and 17 hex characters derived from a stable id of it. */
    static String ec2InstanceId(String stableId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(stableId.getBytes(StandardCharsets.UTF_8));
            return "i-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
