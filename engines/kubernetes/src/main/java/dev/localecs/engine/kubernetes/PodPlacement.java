package dev.localecs.engine.kubernetes;

import dev.localecs.api.TaskPlacement;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ECS placement carried to the Kubernetes scheduler. ECS placement (in the runtime) chose the node by every rule;
 * the Pod is pinned to it by a required node affinity on {@code metadata.name} (as the DaemonSet controller does:
 * unlike {@code spec.nodeName}, the scheduler still checks taints and resources). The rules that have a Kubernetes
 * form are added beside the pin, so the scheduler keeps them too:
 *
 * <ul>
 *   <li>{@code memberOf} comparisons of {@code attribute:ecs.availability-zone}, {@code ecs.instance-type},
 *       {@code ecs.cpu-architecture}, {@code ecs.os-type} with {@code ==}, {@code !=}, {@code in [..]},
 *       {@code not_in [..]} ({@code !in}, {@code not in}), joined with {@code and}/{@code &&} → required node
 *       affinity ({@link MemberOf}, {@link NodeTerms}) on the well-known node labels. In a conjunction, the
 *       comparisons that translate are kept (each is a condition of the whole).</li>
 *   <li>{@code distinctInstance} → a required Pod anti-affinity on {@code kubernetes.io/hostname} with the
 *       Pods of the same task group (label {@link KubeNames#GROUP}).</li>
 *   <li>{@code spread} on {@code instanceId}/{@code host} → a topology spread constraint on
 *       {@code kubernetes.io/hostname}; on one of the four attributes above → on its label (maxSkew 1,
 *       {@code ScheduleAnyway}: a strategy is a preference), over the Pods of the same group.</li>
 * </ul>
 *
 * <p>Everything else — {@code or}, {@code not}, parentheses, {@code =~}/{@code !~}, {@code exists}, other
 * subjects ({@code task:group}, {@code ec2InstanceId}, {@code agentVersion}, {@code registeredAt},
 * {@code runningTasksCount}, custom attributes), {@code binpack}, {@code random}, spread on other fields — has no
 * Kubernetes form: it is honoured by ECS placement's choice of the node only (the pin), and said in a note. A task
 * whose group is not known keeps {@code distinctInstance} and {@code spread} with the pin only.
 *
 * @param labels labels the Pod carries for the rules (its group)
 * @param affinity the Pod's affinity, when any rule translates or it is pinned
 * @param spread the Pod's topology spread constraints
 * @param notes what was honoured by the pin only (logged at the launch)
 */
record PodPlacement(Map<String, String> labels, Optional<Affinity> affinity, List<TopologySpreadConstraint> spread,
                    List<String> notes) {
    /** No placement: the Pod spec is left as it is. */
    static final PodPlacement NONE = new PodPlacement(Map.of(), Optional.empty(), List.of(), List.of());


    /**
     * Copies the collections.
     *
     * @param labels the labels
     * @param affinity the affinity
     * @param spread the spread constraints
     * @param notes the notes
     */
    PodPlacement {
        labels = Map.copyOf(labels);
        spread = List.copyOf(spread);
        notes = List.copyOf(notes);
    }

    /**
     * The Kubernetes form of a task's placement.
     *
     * @param placement the machine ECS placement chose and the rules it placed the task by
     * @param cluster the task's ECS cluster (groups are per cluster; several may share a namespace)
     * @return the labels, affinity and spread constraints; {@link #NONE} for a task placed by nothing
     */
    static PodPlacement of(TaskPlacement placement, String cluster) {
        if (placement.machine().isEmpty() && placement.constraints().isEmpty() && placement.strategies().isEmpty()) {
            return NONE;
        }
        String pinned = placement.machine().map(node -> " (the Pod is pinned to node " + node + ")")
                .orElse(" (not carried to Kubernetes)");
        Optional<String> groupValue = placement.group().map(g -> KubeNames.hashedLabelValue(cluster + "/" + g));
        List<String> notes = new ArrayList<>();
        List<MemberOf> comparisons = new ArrayList<>();
        boolean distinct = false;
        for (PlacementConstraint constraint : placement.constraints()) {
            String type = String.valueOf(constraint.type());
            if (type.equals("memberOf")) {
                List<String> left = new ArrayList<>();
                comparisons.addAll(MemberOf.translate(String.valueOf(constraint.expression()), left));
                left.forEach(term -> notes.add("Placement: memberOf '" + term + "' is honoured by ECS placement only"
                        + pinned + "."));
            } else if (type.equals("distinctInstance") && groupValue.isPresent()) {
                distinct = true;
            } else {
                notes.add("Placement: " + type + " is honoured by ECS placement only" + pinned
                        + (type.equals("distinctInstance") ? ": the task's group is not known to the engine." : "."));
            }
        }
        Map<String, TopologySpreadConstraint> spread = new LinkedHashMap<>();
        for (PlacementStrategy strategy : placement.strategies()) {
            Optional<String> key = "spread".equals(strategy.type()) ? spreadKey(strategy.field()) : Optional.empty();
            if (key.isPresent() && groupValue.isPresent()) {
                spread.putIfAbsent(key.get(), new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey(key.get()).withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector()
                        .withMatchLabels(Map.of(KubeNames.GROUP, groupValue.get())).endLabelSelector().build());
            } else {
                notes.add("Placement: strategy " + strategy.type() + (strategy.field() == null ? ""
                        : " on " + strategy.field()) + " is honoured by ECS placement only" + pinned
                        + (key.isPresent() ? ": the task's group is not known to the engine." : "."));
            }
        }
        AffinityBuilder affinity = new AffinityBuilder();
        boolean any = false;
        List<NodeSelectorTerm> terms = NodeTerms.of(placement.machine(), comparisons);
        if (!terms.isEmpty()) {
            affinity.withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNodeSelectorTerms(terms).endRequiredDuringSchedulingIgnoredDuringExecution()
                    .endNodeAffinity();
            any = true;
        }
        if (distinct) {
            affinity.withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNewLabelSelector().withMatchLabels(Map.of(KubeNames.GROUP, groupValue.get()))
                    .endLabelSelector().withTopologyKey(ClusterNodes.HOSTNAME_LABEL)
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity();
            any = true;
        }
        Map<String, String> labels = distinct || !spread.isEmpty() ? Map.of(KubeNames.GROUP, groupValue.get())
                : Map.of();
        return new PodPlacement(labels, any ? Optional.of(affinity.build()) : Optional.empty(),
                List.copyOf(spread.values()), notes);
    }

    /** The topology key a spread field stands for. */
    private static Optional<String> spreadKey(String field) {
        if (field == null) {
            return Optional.empty();
        }
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.equals("instanceid") || lower.equals("host")) {
            return Optional.of(ClusterNodes.HOSTNAME_LABEL);
        }
        return field.startsWith("attribute:") ? Optional.ofNullable(ClusterNodes.ATTRIBUTE_LABELS.get(field
                .substring("attribute:".length()))).map(labels -> labels.get(0)) : Optional.empty();
    }
}
