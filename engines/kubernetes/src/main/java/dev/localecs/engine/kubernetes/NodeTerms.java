package dev.localecs.engine.kubernetes;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The required node affinity of a placed task: the pin on the chosen node's name and the memberOf comparisons,
 * on the labels {@link ClusterNodes} reads each attribute from. An attribute read from its first label present
 * (the zone from {@code topology.kubernetes.io/zone}, else {@code failure-domain.beta.kubernetes.io/zone}) is
 * one alternative per label — that label present (the ones before it absent) and the comparisons on it — and
 * alternatives are separate node selector terms (Kubernetes ORs the terms, ANDs within one): so a node is
 * allowed exactly when ECS placement, reading the same attributes, would allow it.
 */
final class NodeTerms {
    private NodeTerms() {
    }

    /**
     * The node selector terms.
     *
     * @param node the chosen node, if any
     * @param comparisons the memberOf comparisons that translate
     * @return the terms (one for a pin alone); empty when there is nothing to require
     */
    static List<NodeSelectorTerm> of(Optional<String> node, List<MemberOf> comparisons) {
        if (node.isEmpty() && comparisons.isEmpty()) {
            return List.of();
        }
        Map<String, List<MemberOf>> byAttribute = new LinkedHashMap<>();
        comparisons.forEach(c -> byAttribute.computeIfAbsent(c.attribute(), a -> new ArrayList<>()).add(c));
        List<List<NodeSelectorRequirement>> terms = new ArrayList<>();
        terms.add(List.of());
        for (Map.Entry<String, List<MemberOf>> attribute : byAttribute.entrySet()) {
            List<List<NodeSelectorRequirement>> alternatives = alternatives(
                    ClusterNodes.ATTRIBUTE_LABELS.get(attribute.getKey()), attribute.getValue());
            List<List<NodeSelectorRequirement>> combined = new ArrayList<>();
            for (List<NodeSelectorRequirement> term : terms) {
                for (List<NodeSelectorRequirement> alternative : alternatives) {
                    List<NodeSelectorRequirement> both = new ArrayList<>(term);
                    both.addAll(alternative);
                    combined.add(both);
                }
            }
            terms = combined;
        }
        return terms.stream().map(expressions -> {
            NodeSelectorTermBuilder term = new NodeSelectorTermBuilder().withMatchExpressions(expressions);
            node.ifPresent(name -> term.withMatchFields(requirement("metadata.name", "In", List.of(name))));
            return term.build();
        }).toList();
    }

    /** One alternative per label the attribute may come from. */
    private static List<List<NodeSelectorRequirement>> alternatives(List<String> labels, List<MemberOf> comparisons) {
        boolean negative = comparisons.stream().anyMatch(c -> c.operator().equals("NotIn"));
        List<List<NodeSelectorRequirement>> alternatives = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<NodeSelectorRequirement> alternative = new ArrayList<>();
            for (String before : labels.subList(0, i)) {
                alternative.add(requirement(before, "DoesNotExist", List.of()));
            }
            // NotIn holds on a missing label: a later label must not be read through an earlier one's absence
            if (negative && i < labels.size() - 1) {
                alternative.add(requirement(labels.get(i), "Exists", List.of()));
            }
            for (MemberOf comparison : comparisons) {
                alternative.add(requirement(labels.get(i), comparison.operator(), comparison.values()));
            }
            alternatives.add(alternative);
        }
        return alternatives;
    }

    private static NodeSelectorRequirement requirement(String key, String operator, List<String> values) {
        NodeSelectorRequirementBuilder requirement = new NodeSelectorRequirementBuilder().withKey(key)
                .withOperator(operator);
        if (!values.isEmpty()) {
            requirement.withValues(values);
        }
        return requirement.build();
    }
}
