package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.localecs.api.TaskPlacement;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ECS placement rules as the Kubernetes scheduler's: the pin, what translates and what stays with the pin. */
class PodPlacementTest {
    private static final Optional<String> GROUP = Optional.of("service:web");

    private static PodPlacement placed(List<PlacementConstraint> constraints, List<PlacementStrategy> strategies,
                                       Optional<String> group) {
        return PodPlacement.of(new TaskPlacement(Optional.of("node-a"), constraints, strategies, group,
                Optional.empty()), "default");
    }

    private static PodPlacement memberOf(String expression) {
        return placed(List.of(new PlacementConstraint("memberOf", expression)), List.of(), GROUP);
    }

    private static NodeSelectorTerm term(PodPlacement placement) {
        List<NodeSelectorTerm> terms = placement.affinity().orElseThrow().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).as("one term: its requirements all hold").hasSize(1);
        return terms.get(0);
    }

    @Test
    void aTaskPlacedByNothingLeavesThePodAsItIs() {
        assertThat(PodPlacement.of(TaskPlacement.NONE, "default")).isSameAs(PodPlacement.NONE);
    }

    @Test
    void theChosenNodeIsARequiredNodeAffinityOnItsName() {
        PodPlacement placement = placed(List.of(), List.of(), GROUP);

        NodeSelectorTerm term = term(placement);
        assertThat(term.getMatchFields()).singleElement().satisfies(field -> {
            assertThat(field.getKey()).isEqualTo("metadata.name");
            assertThat(field.getOperator()).isEqualTo("In");
            assertThat(field.getValues()).containsExactly("node-a");
        });
        assertThat(term.getMatchExpressions()).isEmpty();
        assertThat(placement.affinity().get().getPodAntiAffinity()).isNull();
        assertThat(placement.labels()).isEmpty();
        assertThat(placement.spread()).isEmpty();
        assertThat(placement.notes()).isEmpty();
    }

    @Test
    void memberOfComparisonsAreNodeAffinityBesideThePin() {
        PodPlacement placement = placed(List.of(
                new PlacementConstraint("memberOf", "attribute:ecs.cpu-architecture == x86_64 && "
                        + "attribute:ecs.os-type != windows"),
                new PlacementConstraint("memberOf", "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] "
                        + "and attribute:ecs.instance-type =~ t2.*")), List.of(), GROUP);

        List<NodeSelectorTerm> terms = placement.affinity().orElseThrow().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        // the zone from its GA label, or from the beta one on a node without it: two terms, each pinned
        assertThat(terms).hasSize(2).allSatisfy(term -> {
            assertThat(term.getMatchFields()).extracting(NodeSelectorRequirement::getValues)
                    .containsExactly(List.of("node-a"));
            assertThat(term.getMatchExpressions()).extracting(NodeSelectorRequirement::getKey,
                    NodeSelectorRequirement::getOperator, NodeSelectorRequirement::getValues).startsWith(
                    tuple("kubernetes.io/arch", "In", List.of("amd64")),
                    tuple("kubernetes.io/os", "NotIn", List.of("windows")));
        });
        assertThat(terms.get(0).getMatchExpressions()).extracting(NodeSelectorRequirement::getKey)
                .endsWith("topology.kubernetes.io/zone");
        assertThat(terms.get(1).getMatchExpressions()).extracting(NodeSelectorRequirement::getKey)
                .endsWith("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
        // the comparison without a Kubernetes form stays with the pin, the others still hold
        assertThat(placement.notes()).containsExactly("Placement: memberOf 'attribute:ecs.instance-type =~ t2.*' "
                + "is honoured by ECS placement only (the Pod is pinned to node node-a).");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "attribute:ecs.instance-type =~ t2.*",
        "attribute:ecs.availability-zone == us-east-1a or attribute:ecs.availability-zone == us-east-1b",
        "attribute:ecs.availability-zone == us-east-1a || attribute:ecs.os-type == linux",
        "not attribute:ecs.os-type == windows",
        "(attribute:ecs.os-type == linux)",
        "task:group == service:db",
        "attribute:stack == prod",
        "ec2InstanceId in [i-0123456789abcdef0]",
        "attribute:ecs.instance-type exists",
        "runningTasksCount > 2",
        "attribute:ecs.availability-zone == 'not a label value'",
    })
    void aMemberOfWithoutAKubernetesFormAddsNothingButIsHonouredByThePin(String expression) {
        PodPlacement placement = memberOf(expression);

        NodeSelectorTerm term = term(placement);
        assertThat(term.getMatchExpressions()).isEmpty();
        assertThat(term.getMatchFields()).extracting(NodeSelectorRequirement::getValues)
                .containsExactly(List.of("node-a"));
        assertThat(placement.notes()).singleElement().asString().contains("is honoured by ECS placement only")
                .contains("pinned to node node-a").contains(expression.replace("'", ""));
    }

    @Test
    void distinctInstanceKeepsTheGroupsPodsOnDifferentNodes() {
        PodPlacement placement = placed(List.of(new PlacementConstraint("distinctInstance", null)), List.of(), GROUP);

        String group = placement.labels().get(KubeNames.GROUP);
        assertThat(group).matches("default_service_web-[0-9a-f]{10}");
        List<PodAffinityTerm> away = placement.affinity().orElseThrow().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(away).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels()).isEqualTo(Map.of(KubeNames.GROUP, group));
        });
        assertThat(placement.notes()).isEmpty();
        // groups are per cluster: several clusters may share a namespace
        assertThat(PodPlacement.of(new TaskPlacement(Optional.of("node-a"), List.of(new PlacementConstraint(
                "distinctInstance", null)), List.of(), GROUP, Optional.empty()), "other").labels().get(KubeNames.GROUP))
                .isNotEqualTo(group).startsWith("other_service_web-");
    }

    @Test
    void spreadOverHostsAndZonesIsATopologySpreadOverTheGroup() {
        PodPlacement placement = placed(List.of(), List.of(new PlacementStrategy("spread",
                "attribute:ecs.availability-zone"), new PlacementStrategy("spread", "instanceId"),
                new PlacementStrategy("spread", "host"), new PlacementStrategy("binpack", "memory"),
                new PlacementStrategy("random", null), new PlacementStrategy("spread", "attribute:stack")), GROUP);

        String group = placement.labels().get(KubeNames.GROUP);
        assertThat(placement.spread()).extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(placement.spread()).allSatisfy(spread -> {
            assertThat(spread.getMaxSkew()).isEqualTo(1);
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(Map.of(KubeNames.GROUP, group));
        });
        assertThat(placement.notes()).containsExactly(
                "Placement: strategy binpack on memory is honoured by ECS placement only (the Pod is pinned to node "
                        + "node-a).",
                "Placement: strategy random is honoured by ECS placement only (the Pod is pinned to node node-a).",
                "Placement: strategy spread on attribute:stack is honoured by ECS placement only (the Pod is pinned "
                        + "to node node-a).");
    }

    @Test
    void withoutTheTaskGroupDistinctInstanceAndSpreadStayWithThePin() {
        PodPlacement placement = placed(List.of(new PlacementConstraint("distinctInstance", null)),
                List.of(new PlacementStrategy("spread", "instanceId")), Optional.empty());

        assertThat(placement.labels()).isEmpty();
        assertThat(placement.spread()).isEmpty();
        assertThat(placement.affinity().orElseThrow().getPodAntiAffinity()).isNull();
        assertThat(term(placement).getMatchFields()).hasSize(1);
        assertThat(placement.notes()).hasSize(2).allSatisfy(note -> assertThat(note)
                .contains("honoured by ECS placement only").endsWith("the task's group is not known to the engine."));
    }

    @Test
    void groupLabelValuesAreValidAndDistinct() {
        String longGroup = "service:" + "x".repeat(80);
        assertThat(KubeNames.hashedLabelValue("default/" + longGroup)).hasSizeLessThanOrEqualTo(63)
                .matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
        assertThat(KubeNames.hashedLabelValue("default/service:a_b"))
                .isNotEqualTo(KubeNames.hashedLabelValue("default/service_a:b"));
        assertThat(KubeNames.hashedLabelValue(":::")).matches("[0-9a-f]{10}");
    }
}
