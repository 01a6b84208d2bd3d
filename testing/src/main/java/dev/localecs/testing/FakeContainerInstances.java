package dev.localecs.testing;

import dev.localecs.api.ContainerInstances;
import dev.localecs.api.EcsArns;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.TaskPlacement;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Container instances for plugin unit tests, with a status and custom attributes and no resources. A cluster has
 * one instance (a single-machine engine's, with the id {@link EcsArns#containerInstanceId(String)}) until the test
 * declares its instances with {@link #addInstance} (a multi-machine engine's nodes; the first declared replaces the
 * default one, so declare them before using the cluster).
 *
 * <p>{@link #place} puts each task on the first ACTIVE instance, in declaration order (no strategies), that the
 * request's {@code instance} names (if any), that meets every {@code memberOf} constraint (the request's and the
 * definition's) and, under {@code distinctInstance}, runs no task of the task's group yet; a task that fits
 * nowhere is a failure as the runtime reports it ({@code MemberOf}/{@code DistinctInstance placement constraint
 * unsatisfied.}). The placed spec carries the instance's machine, so {@link FakeTaskService} gives the task that
 * instance's {@code containerInstanceArn}. The cluster query language here is the part tests need:
 * {@code attribute:<name> == <value>} and {@code !=} terms joined with {@code and}, in parentheses or not; any
 * other expression is an {@link IllegalArgumentException}. Resource accounting and the full language are the
 * runtime's, tested there.
 */
public final class FakeContainerInstances implements ContainerInstances {
    private static final String DEFAULT_MACHINE = "";

    private final EcsArns arns;
    private final Supplier<Clock> clock;
    private final Supplier<List<Task>> tasks;
    /** Per cluster, per machine name ({@link #DEFAULT_MACHINE} for the single machine), in declaration order. */
    private final Map<String, Map<String, Instance>> clusters = new LinkedHashMap<>();

    /** One instance's mutable state. */
    private static final class Instance {
        private String status = "ACTIVE";
        private final Map<String, String> attributes = new TreeMap<>();
    }

    FakeContainerInstances(EcsArns arns, Supplier<Clock> clock, Supplier<List<Task>> tasks) {
        this.arns = arns;
        this.clock = clock;
        this.tasks = tasks;
    }

    /**
     * Declares an instance of a cluster (a machine of a multi-machine engine), ACTIVE with custom attributes; the
     * cluster's default single instance goes away with the first one declared.
     *
     * @param cluster the cluster name
     * @param machine the machine's name (its id is {@link EcsArns#containerInstanceId(String, Optional)}'s)
     * @param attributes custom attributes, name to value
     * @return the instance's ARN
     */
    public synchronized String addInstance(String cluster, String machine, Map<String, String> attributes) {
        if (machine.isEmpty()) {
            throw new IllegalArgumentException("a declared instance has a machine name");
        }
        Map<String, Instance> instances = clusters.computeIfAbsent(cluster, c -> new LinkedHashMap<>());
        instances.remove(DEFAULT_MACHINE);
        Instance instance = new Instance();
        instance.attributes.putAll(attributes);
        instances.put(machine, instance);
        return arn(cluster, machine);
    }

    @Override
    public synchronized Optional<ContainerInstance> find(String cluster, String reference) {
        return machine(cluster, reference).filter(m -> !instances(cluster).get(m).status.equals("INACTIVE"))
                .map(m -> render(cluster, m));
    }

    @Override
    public synchronized boolean names(String cluster, String reference) {
        return machine(cluster, reference).isPresent();
    }

    /**
     * The cluster's first instance, unless deregistered.
     *
     * @param cluster the cluster name
     * @return the instance
     */
    public synchronized Optional<ContainerInstance> find(String cluster) {
        String machine = instances(cluster).keySet().iterator().next();
        return find(cluster, arn(cluster, machine));
    }

    @Override
    public synchronized ContainerInstance register(String cluster, Optional<String> reference, List<Attribute> given) {
        String machine = reference.map(ref -> machine(cluster, ref).orElseThrow(() -> EcsException.invalidParameter(
                "Container instance " + ref + " is not in cluster " + cluster + "."))).orElseGet(() ->
                instances(cluster).entrySet().stream().filter(e -> e.getValue().status.equals("INACTIVE"))
                        .map(Map.Entry::getKey).findFirst().orElse(instances(cluster).keySet().iterator().next()));
        Instance instance = instances(cluster).get(machine);
        instance.status = "ACTIVE";
        given.forEach(a -> instance.attributes.put(a.name(), a.value() == null ? "" : a.value()));
        return render(cluster, machine);
    }

    @Override
    public synchronized ContainerInstance deregister(String cluster, String reference, boolean force) {
        String machine = registered(cluster, reference);
        instances(cluster).get(machine).status = "INACTIVE";
        return render(cluster, machine);
    }

    @Override
    public synchronized ContainerInstance updateStatus(String cluster, String reference, String status) {
        String machine = registered(cluster, reference);
        instances(cluster).get(machine).status = status;
        return render(cluster, machine);
    }

    @Override
    public synchronized List<ContainerInstance> list(String cluster, Optional<String> filter,
                                                     Optional<String> status) {
        List<ContainerInstance> found = new ArrayList<>();
        instances(cluster).forEach((machine, instance) -> {
            if (!instance.status.equals("INACTIVE") && status.map(instance.status::equals).orElse(true)
                    && filter.map(expression -> matches(expression, instance)).orElse(true)) {
                found.add(render(cluster, machine));
            }
        });
        found.sort(java.util.Comparator.comparing(ContainerInstance::containerInstanceArn));
        return found;
    }

    @Override
    public synchronized List<Attribute> putAttributes(String cluster, List<Attribute> given) {
        given.forEach(a -> target(cluster, a).attributes.put(a.name(), a.value() == null ? "" : a.value()));
        return given;
    }

    @Override
    public synchronized List<Attribute> deleteAttributes(String cluster, List<Attribute> given) {
        given.forEach(a -> target(cluster, a).attributes.remove(a.name()));
        return given;
    }

    /** Accepts every expression: the cluster query language is the runtime's, and tested there. */
    @Override
    public void checkExpression(String expression) {
        // plugin tests do not depend on the parser's messages
    }

    @Override
    public synchronized PlacementResult place(PlacementRequest request) {
        String cluster = request.spec().cluster();
        List<PlacementConstraint> constraints = new ArrayList<>(request.constraints());
        if (request.spec().taskDefinition().placementConstraints() != null) {
            request.spec().taskDefinition().placementConstraints()
                    .forEach(c -> constraints.add(new PlacementConstraint(c.type(), c.expression())));
        }
        List<String> active = instances(cluster).entrySet().stream()
                .filter(e -> e.getValue().status.equals("ACTIVE"))
                .filter(e -> request.instance().map(ref -> ref.equals(arn(cluster, e.getKey()))
                        || ref.equals(id(cluster, e.getKey()))).orElse(true))
                .map(Map.Entry::getKey).toList();
        if (active.isEmpty()) {
            throw EcsException.invalidParameter("No Container Instances were found in your cluster.");
        }
        boolean distinct = constraints.stream().anyMatch(c -> "distinctInstance".equals(c.type()));
        String group = request.spec().group();
        List<Task> launched = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < request.count() && failures.isEmpty(); i++) {
            Optional<String> chosen = Optional.empty();
            for (String machine : active) {
                Optional<String> reason = Optional.empty();
                if (!constraints.stream().filter(c -> "memberOf".equals(c.type()))
                        .allMatch(c -> matches(c.expression(), instances(cluster).get(machine)))) {
                    reason = Optional.of("MemberOf placement constraint unsatisfied.");
                } else if (distinct && groupTasksOn(cluster, machine, group) > 0) {
                    reason = Optional.of("DistinctInstance placement constraint unsatisfied.");
                }
                if (reason.isPresent()) {
                    failures.add(new Failure(arn(cluster, machine), reason.get(), null));
                } else {
                    chosen = Optional.of(machine);
                    break;
                }
            }
            if (chosen.isPresent()) {
                failures.clear();
                String machine = chosen.get();
                Optional<String> name = machine.equals(DEFAULT_MACHINE) ? Optional.empty() : Optional.of(machine);
                launched.add(request.launch().apply(request.spec().placed(new TaskPlacement(name, constraints,
                        request.strategies(), Optional.of(group), Optional.ofNullable(
                        instances(cluster).get(machine).attributes.get("ecs.availability-zone"))))));
            }
        }
        return new PlacementResult(launched, failures);
    }

    private long groupTasksOn(String cluster, String machine, String group) {
        String arn = arn(cluster, machine);
        return tasks.get().stream().filter(t -> arn.equals(t.containerInstanceArn()) && group.equals(t.group())
                && !"STOPPED".equals(t.lastStatus())).count();
    }

    /** Whether an instance meets an expression of the supported subset of the cluster query language. */
    private static boolean matches(String expression, Instance instance) {
        for (String term : expression.split("(?i)\\s+and\\s+")) {
            String bare = term.trim();
            while (bare.startsWith("(") && bare.endsWith(")")) {
                bare = bare.substring(1, bare.length() - 1).trim();
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("attribute:([\\w.:-]+)\\s*(==|!=)\\s*([\\w.:-]+)").matcher(bare);
            if (!m.matches()) {
                throw new IllegalArgumentException("FakeContainerInstances supports only attribute:<name> == "
                        + "<value> and != terms joined with and, not: " + expression);
            }
            boolean equal = m.group(3).equals(instance.attributes.get(m.group(1)));
            if (equal != m.group(2).equals("==")) {
                return false;
            }
        }
        return true;
    }

    private Instance target(String cluster, Attribute attribute) {
        return instances(cluster).get(registered(cluster, attribute.targetId()));
    }

    private String registered(String cluster, String reference) {
        return machine(cluster, reference).filter(m -> !instances(cluster).get(m).status.equals("INACTIVE"))
                .orElseThrow(() -> EcsException.invalidParameter("Container instance " + reference
                        + " is not registered in cluster " + cluster + "."));
    }

    private Optional<String> machine(String cluster, String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return instances(cluster).keySet().stream()
                .filter(m -> reference.equals(id(cluster, m)) || reference.equals(arn(cluster, m))).findFirst();
    }

    private Map<String, Instance> instances(String cluster) {
        return clusters.computeIfAbsent(cluster, c -> {
            Map<String, Instance> one = new LinkedHashMap<>();
            one.put(DEFAULT_MACHINE, new Instance());
            return one;
        });
    }

    private static String id(String cluster, String machine) {
        return EcsArns.containerInstanceId(cluster, machine.equals(DEFAULT_MACHINE) ? Optional.empty()
                : Optional.of(machine));
    }

    private String arn(String cluster, String machine) {
        return arns.containerInstance(cluster, id(cluster, machine));
    }

    private ContainerInstance render(String cluster, String machine) {
        Instance instance = instances(cluster).get(machine);
        List<Attribute> list = instance.attributes.entrySet().stream()
                .map(e -> new Attribute(e.getKey(), e.getValue().isEmpty() ? null : e.getValue(), null, null)).toList();
        String ec2 = machine.equals(DEFAULT_MACHINE) ? "i-00000000000000000" : "i-" + id(cluster, machine).substring(0, 17);
        return new ContainerInstance(arn(cluster, machine), ec2, null, 1L, null, List.of(), List.of(),
                instance.status, null, true, 0, 0, null, list, clock.get().instant(), List.of(), null, null);
    }
}
