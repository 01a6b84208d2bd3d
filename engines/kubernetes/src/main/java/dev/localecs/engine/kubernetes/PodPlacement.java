package dev.localecs.engine.kubernetes;

import dev.localecs.api.TaskPlacement;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
 *       affinity expressions ({@code In}/{@code NotIn}) on the well-known node labels (architectures as
 *       Kubernetes names them: {@code x86_64} → {@code amd64}). In a conjunction, the comparisons that translate
 *       are kept (each is a condition of the whole).</li>
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

    /** ECS attribute → the node label carrying it (as {@link ClusterNodes} reads it, GA name). */
    static final Map<String, String> ATTRIBUTE_LABELS = Map.of(
            "attribute:" + ClusterNodes.ZONE, ClusterNodes.ZONE_LABEL,
            "attribute:" + ClusterNodes.INSTANCE_TYPE, ClusterNodes.INSTANCE_TYPE_LABEL,
            "attribute:" + ClusterNodes.ARCHITECTURE, ClusterNodes.ARCH_LABEL,
            "attribute:" + ClusterNodes.OS_TYPE, ClusterNodes.OS_LABEL);
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

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
     * @param group the task's group ({@code service:web}, {@code family:web}), when known
     * @return the labels, affinity and spread constraints; {@link #NONE} for a task placed by nothing
     */
    static PodPlacement of(TaskPlacement placement, String cluster, Optional<String> group) {
        if (placement.machine().isEmpty() && placement.constraints().isEmpty() && placement.strategies().isEmpty()) {
            return NONE;
        }
        String pinned = placement.machine().map(node -> " (the Pod is pinned to node " + node + ")")
                .orElse(" (not carried to Kubernetes)");
        Optional<String> groupValue = group.map(g -> KubeNames.hashedLabelValue(cluster + "/" + g));
        List<String> notes = new ArrayList<>();
        List<NodeSelectorRequirement> expressions = new ArrayList<>();
        boolean distinct = false;
        for (PlacementConstraint constraint : placement.constraints()) {
            String type = String.valueOf(constraint.type());
            if (type.equals("memberOf")) {
                List<String> left = new ArrayList<>();
                expressions.addAll(memberOf(String.valueOf(constraint.expression()), left));
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
        if (placement.machine().isPresent() || !expressions.isEmpty()) {
            NodeSelectorTermBuilder term = new NodeSelectorTermBuilder().withMatchExpressions(expressions);
            placement.machine().ifPresent(node -> term.withMatchFields(new NodeSelectorRequirementBuilder()
                    .withKey("metadata.name").withOperator("In").withValues(node).build()));
            affinity.withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNodeSelectorTerms(term.build()).endRequiredDuringSchedulingIgnoredDuringExecution()
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
        return Optional.ofNullable(ATTRIBUTE_LABELS.get(field));
    }

    /**
     * The node affinity expressions of a memberOf expression: its {@code and}-joined comparisons that translate;
     * the others go to {@code left}. An expression with {@code or}, {@code not} or parentheses translates as a
     * whole or not at all: here, not at all.
     */
    static List<NodeSelectorRequirement> memberOf(String expression, List<String> left) {
        List<String> tokens = tokens(expression);
        if (!conjunction(tokens)) {
            left.add(expression.trim());
            return List.of();
        }
        List<NodeSelectorRequirement> requirements = new ArrayList<>();
        List<String> term = new ArrayList<>();
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size() || tokens.get(i).equalsIgnoreCase("and") || tokens.get(i).equals("&&");
            if (!end) {
                term.add(tokens.get(i));
                continue;
            }
            Optional<NodeSelectorRequirement> requirement = comparison(term);
            if (requirement.isPresent()) {
                requirements.add(requirement.get());
            } else {
                left.add(String.join(" ", term.stream().map(t -> t.replace("\u0000", "")).toList())
                        .replace(" ,", ",").replace("[ ", "[").replace(" ]", "]").replace("( ", "(")
                        .replace(" )", ")"));
            }
            term.clear();
        }
        return requirements;
    }

    /**
     * Whether the expression is comparisons joined by {@code and} only: no {@code or}, no {@code not} (but
     * {@code not in}), no parenthesis other than an in-list's.
     */
    private static boolean conjunction(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i).toLowerCase(Locale.ROOT);
            if (List.of("or", "||", "not", "!").contains(token)
                    && !(token.equals("not") && i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("in"))) {
                return false;
            }
            if (token.equals("(") && (i == 0 || !List.of("in", "not_in", "!in")
                    .contains(tokens.get(i - 1).toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    /** One comparison {@code subject op value} or {@code subject in [a, b]} on a translatable attribute. */
    private static Optional<NodeSelectorRequirement> comparison(List<String> term) {
        if (term.size() < 3 || !ATTRIBUTE_LABELS.containsKey(term.get(0))) {
            return Optional.empty();
        }
        String subject = term.get(0);
        String operator = term.get(1).toLowerCase(Locale.ROOT);
        int valuesFrom = 2;
        if (operator.equals("not") && term.get(2).equalsIgnoreCase("in")) {
            operator = "not_in";
            valuesFrom = 3;
        }
        List<String> values;
        String kubeOperator;
        switch (operator) {
            case "==", "equals", "!=", "not_equals" -> {
                if (term.size() != 3) {
                    return Optional.empty();
                }
                values = List.of(unquote(term.get(2)));
                kubeOperator = operator.equals("==") || operator.equals("equals") ? "In" : "NotIn";
            }
            case "in", "not_in", "!in" -> {
                values = list(term.subList(valuesFrom, term.size()));
                kubeOperator = operator.equals("in") ? "In" : "NotIn";
            }
            default -> {
                return Optional.empty();
            }
        }
        if (values.isEmpty() || !values.stream().allMatch(v -> LABEL_VALUE.matcher(v).matches())) {
            return Optional.empty();
        }
        boolean architecture = subject.equals("attribute:" + ClusterNodes.ARCHITECTURE);
        return Optional.of(new NodeSelectorRequirementBuilder().withKey(ATTRIBUTE_LABELS.get(subject))
                .withOperator(kubeOperator).withValues(values.stream().map(v -> architecture ? kubeArchitecture(v)
                        : v).distinct().toList()).build());
    }

    /** {@code [a, b]} or {@code (a, b)}; empty when malformed. */
    private static List<String> list(List<String> tokens) {
        if (tokens.size() < 3) {
            return List.of();
        }
        String open = tokens.get(0);
        String close = tokens.get(tokens.size() - 1);
        if (!(open.equals("[") && close.equals("]") || open.equals("(") && close.equals(")"))) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < tokens.size() - 1; i++) {
            boolean comma = (i % 2) == 0;
            if (comma != tokens.get(i).equals(",") || !comma && List.of("[", "]", "(", ")").contains(tokens.get(i))) {
                return List.of();
            }
            if (!comma) {
                values.add(unquote(tokens.get(i)));
            }
        }
        return tokens.size() % 2 == 1 ? values : List.of();
    }

    private static String unquote(String token) {
        return token.startsWith("\u0000") ? token.substring(1) : token;
    }

    /** Kubernetes's name of an ECS architecture ({@code x86_64} → {@code amd64}). */
    static String kubeArchitecture(String ecs) {
        return ecs.equals("x86_64") ? "amd64" : ecs;
    }

    private static final List<String> SYMBOLS = List.of("&&", "||", "==", "!=", "=~", "!~", ">=", "<=", ">", "<");

    /** Words, quoted values (marked with a leading NUL), the punctuation {@code ( ) [ ] ,} and operator symbols. */
    static List<String> tokens(String expression) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()[],".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int end = expression.indexOf(c, i + 1);
                end = end < 0 ? expression.length() : end;
                tokens.add("\u0000" + expression.substring(i + 1, end));
                i = end + 1;
            } else if (symbolAt(expression, i) != null) {
                tokens.add(symbolAt(expression, i));
                i += tokens.get(tokens.size() - 1).length();
            } else {
                int start = i;
                while (i < expression.length() && !Character.isWhitespace(expression.charAt(i))
                        && "()[],\"'".indexOf(expression.charAt(i)) < 0 && (i == start || symbolAt(expression, i) == null)) {
                    i++;
                }
                tokens.add(expression.substring(start, i));
            }
        }
        return tokens;
    }

    private static String symbolAt(String expression, int i) {
        return SYMBOLS.stream().filter(s -> expression.startsWith(s, i)).findFirst().orElse(null);
    }
}
