package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.tasks.EngineNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The node affinity of a placed task allows exactly the nodes whose attributes, as {@link ClusterNodes} reads
 * them for ECS placement, satisfy the comparisons: checked on nodes with every mix of GA and beta labels, with
 * the Kubernetes scheduler's reading of node selector terms (ORed terms, ANDed expressions).
 */
class NodeTermsTest {
    private static final String ZONE = "topology.kubernetes.io/zone";
    private static final String ZONE_BETA = "failure-domain.beta.kubernetes.io/zone";
    private static final String TYPE = "node.kubernetes.io/instance-type";
    private static final String TYPE_BETA = "beta.kubernetes.io/instance-type";

    private static List<Node> nodes() {
        List<Map<String, String>> zones = List.of(Map.of(), Map.of(ZONE, "a"), Map.of(ZONE, "b"),
                Map.of(ZONE_BETA, "a"), Map.of(ZONE_BETA, "b"), Map.of(ZONE, "a", ZONE_BETA, "b"),
                Map.of(ZONE, "b", ZONE_BETA, "a"));
        List<Map<String, String>> types = List.of(Map.of(), Map.of(TYPE, "m5"), Map.of(TYPE_BETA, "m5"),
                Map.of(TYPE, "c5", TYPE_BETA, "m5"));
        List<Map<String, String>> arches = List.of(Map.of("kubernetes.io/arch", "amd64"),
                Map.of("kubernetes.io/arch", "arm64"));
        List<Node> nodes = new ArrayList<>();
        for (Map<String, String> zone : zones) {
            for (Map<String, String> type : types) {
                for (Map<String, String> arch : arches) {
                    Map<String, String> labels = new LinkedHashMap<>(zone);
                    labels.putAll(type);
                    labels.putAll(arch);
                    nodes.add(MockCluster.node("node-" + nodes.size(), "1", "1Gi", labels).build());
                }
            }
        }
        return nodes;
    }

    private static final List<List<MemberOf>> RULES = List.of(
            List.of(new MemberOf("ecs.availability-zone", "In", List.of("a"))),
            List.of(new MemberOf("ecs.availability-zone", "NotIn", List.of("a"))),
            List.of(new MemberOf("ecs.availability-zone", "In", List.of("a", "b")),
                    new MemberOf("ecs.availability-zone", "NotIn", List.of("b"))),
            List.of(new MemberOf("ecs.availability-zone", "NotIn", List.of("b")),
                    new MemberOf("ecs.instance-type", "In", List.of("m5"))),
            List.of(new MemberOf("ecs.instance-type", "NotIn", List.of("m5")),
                    new MemberOf("ecs.cpu-architecture", "In", List.of("amd64"))),
            List.of(new MemberOf("ecs.cpu-architecture", "NotIn", List.of("amd64"))));

    @Test
    void theTermsAllowExactlyTheNodesEcsPlacementAllows() {
        for (List<MemberOf> rules : RULES) {
            List<NodeSelectorTerm> terms = NodeTerms.of(Optional.empty(), rules);
            for (Node node : nodes()) {
                assertThat(scheduler(terms, node)).as("%s on %s", rules, node.getMetadata().getLabels())
                        .isEqualTo(ecs(rules, ClusterNodes.node(node)));
            }
        }
    }

    @Test
    void everyTermCarriesThePin() {
        List<NodeSelectorTerm> terms = NodeTerms.of(Optional.of("node-3"), List.of(
                new MemberOf("ecs.availability-zone", "In", List.of("a")),
                new MemberOf("ecs.instance-type", "NotIn", List.of("m5"))));
        assertThat(terms).hasSize(4).allSatisfy(term -> assertThat(term.getMatchFields())
                .extracting(NodeSelectorRequirement::getKey, NodeSelectorRequirement::getValues)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.name", List.of("node-3"))));
        Node three = nodes().get(3);
        Node four = nodes().get(4);
        assertThat(scheduler(NodeTerms.of(Optional.of("node-3"), List.of()), three)).isTrue();
        assertThat(scheduler(NodeTerms.of(Optional.of("node-3"), List.of()), four)).isFalse();
        assertThat(NodeTerms.of(Optional.empty(), List.of())).isEmpty();
    }

    /** ECS: each comparison on the node's attribute (a missing attribute is in no list). */
    private static boolean ecs(List<MemberOf> rules, EngineNode node) {
        return rules.stream().allMatch(rule -> {
            Optional<String> value = Optional.ofNullable(node.attributes().get(rule.attribute()))
                    .map(MemberOf::kubeArchitecture);
            boolean in = value.map(rule.values()::contains).orElse(false);
            return rule.operator().equals("In") == in;
        });
    }

    /** The Kubernetes scheduler's reading of required node affinity. */
    private static boolean scheduler(List<NodeSelectorTerm> terms, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return terms.stream().anyMatch(term -> term.getMatchExpressions().stream().allMatch(e -> holds(e, labels))
                && term.getMatchFields().stream().allMatch(f -> holds(f, Map.of("metadata.name",
                node.getMetadata().getName()))));
    }

    private static boolean holds(NodeSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unexpected operator " + requirement.getOperator());
        };
    }
}
