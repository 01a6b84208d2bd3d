package dev.localecs.runtime.instances;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.ContainerInstances;
import dev.localecs.api.EcsArns;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskPlacement;
import dev.localecs.api.TaskService;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.Resource;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.VersionInfo;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The engine's machines as each cluster's container instances: the Docker engine's host, or each node of a
 * multi-machine engine. Status and custom attributes are stored in {@code state.dir/container-instances.json}
 * (keyed by cluster, and by {@code <cluster>/<node>} for a node); resources and task counts are computed from the
 * tasks each time, so they are exact as tasks start and stop. {@link #place} holds one lock across the check and
 * the launch, so concurrent RunTasks never overbook a machine.
 */
public final class LocalContainerInstances implements ContainerInstances {
    private static final Logger LOG = Logger.getLogger(LocalContainerInstances.class.getName());
    private static final Path FILE = Path.of("container-instances.json");
    /** The ports the ECS agent reserves on every instance (SSH, Docker, the agent's introspection). */
    static final List<Integer> RESERVED_PORTS = List.of(22, 2375, 2376, 51678, 51679);
    private static final Set<String> EC2_COMPATIBLE = Set.of("EC2", "EXTERNAL");
    private static final int MAX_CUSTOM_ATTRIBUTES = 10;
    private static final String PLACEMENT_EXPRESSION = "placement constraint expression";
    private static final String NO_INSTANCES = "No Container Instances were found in your cluster.";

    private final JsonFileStore store;
    private final EcsArns arns;
    private final Clock clock;
    private final ClusterRegistry clusters;
    private final CapacityProviderRegistry providers;
    private final TaskService tasks;
    private final TaskDefinitionRegistry definitions;
    private final Supplier<Optional<EngineHost>> engine;
    private final Supplier<List<EngineNode>> nodes;
    private final String agentVersion;
    private final Map<String, InstanceState> states;
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final Object placementLock = new Object();
    private final RandomGenerator random;
    private volatile List<Machine> seen = List.of(Machine.UNKNOWN);
    private volatile boolean reachable;
    private volatile boolean everReached;

    /**
     * Creates the instances, reading the stored states.
     *
     * @param store the state store
     * @param arns the ARN builder
     * @param clock the clock
     * @param clusters the clusters
     * @param providers the capacity providers
     * @param tasks the tasks
     * @param definitions the task definitions
     * @param engine the engine's host, empty while there is no engine or it cannot be reached
     * @param nodes the engine's nodes; empty for a single-machine engine
     * @param agentVersion the agent version the instances report
     * @param random the source of the {@code random} strategy's choices
     */
    public LocalContainerInstances(JsonFileStore store, EcsArns arns, Clock clock, ClusterRegistry clusters,
                                   CapacityProviderRegistry providers, TaskService tasks,
                                   TaskDefinitionRegistry definitions, Supplier<Optional<EngineHost>> engine,
                                   Supplier<List<EngineNode>> nodes, String agentVersion, RandomGenerator random) {
        this.store = requireNonNull(store, "store is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.clusters = requireNonNull(clusters, "clusters is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.agentVersion = requireNonNull(agentVersion, "agentVersion is null");
        this.random = requireNonNull(random, "random is null");
        this.states = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, InstanceState>>() { })
                .orElse(Map.of()));
    }

    @Override
    public Optional<ContainerInstance> find(String cluster, String reference) {
        return machine(cluster, reference).flatMap(machine -> {
            InstanceState state = state(cluster, machine);
            return state.status().equals("INACTIVE") ? Optional.empty()
                    : Optional.of(render(cluster, machine, state, snapshot(cluster)));
        });
    }

    @Override
    public boolean names(String cluster, String reference) {
        return machine(cluster, reference).isPresent();
    }

    @Override
    public ContainerInstance register(String cluster, Optional<String> reference, List<Attribute> attributes) {
        synchronized (placementLock) {
            Machine machine;
            if (reference.isPresent()) {
                machine = machine(cluster, reference.get()).orElseThrow(() -> EcsException.invalidParameter(
                        "Container instance " + reference.get() + " is not in cluster " + cluster + "."));
            } else {
                List<Machine> all = machines();
                if (all.isEmpty()) {
                    throw EcsException.invalidParameter("The engine cannot be reached, so it has no machine to "
                            + "register.");
                }
                machine = all.stream().filter(m -> state(cluster, m).status().equals("INACTIVE")).findFirst()
                        .orElse(all.get(0));
            }
            InstanceState state = state(cluster, machine);
            Map<String, String> custom = new TreeMap<>(state.attributes());
            attributes.forEach(a -> custom.put(a.name(), a.value() == null ? "" : a.value()));
            checkLimit(custom);
            Instant registeredAt = state.status().equals("INACTIVE") ? clock.instant() : state.registeredAt();
            return render(cluster, machine, save(cluster, machine, new InstanceState("ACTIVE", registeredAt,
                    state.version() + 1, custom)), snapshot(cluster));
        }
    }

    @Override
    public ContainerInstance deregister(String cluster, String reference, boolean force) {
        synchronized (placementLock) {
            Machine machine = registered(cluster, reference);
            InstanceState state = state(cluster, machine);
            Snapshot snapshot = snapshot(cluster);
            if (!force && !snapshot.on(cluster, machine).isEmpty()) {
                throw EcsException.invalidParameter("Found running tasks on the instance.");
            }
            return render(cluster, machine, save(cluster, machine, state.with("INACTIVE")), snapshot);
        }
    }

    @Override
    public ContainerInstance updateStatus(String cluster, String reference, String status) {
        synchronized (placementLock) {
            Machine machine = registered(cluster, reference);
            InstanceState state = state(cluster, machine);
            return render(cluster, machine, state.status().equals(status) ? state
                    : save(cluster, machine, state.with(status)), snapshot(cluster));
        }
    }

    @Override
    public List<ContainerInstance> list(String cluster, Optional<String> filter, Optional<String> status) {
        Optional<ClusterQuery> query = filter.filter(f -> !f.isBlank()).map(f -> query(f, "filter"));
        List<ContainerInstance> result = new ArrayList<>();
        List<Machine> machines = machines();
        Snapshot snapshot = snapshot(cluster);
        for (Machine machine : machines) {
            InstanceState state = state(cluster, machine);
            if (state.status().equals("INACTIVE") || !status.map(state.status()::equals).orElse(true)) {
                continue;
            }
            ContainerInstance instance = render(cluster, machine, state, snapshot);
            if (query.map(q -> q.test(target(instance, snapshot.on(cluster, machine)))).orElse(true)) {
                result.add(instance);
            }
        }
        result.sort(java.util.Comparator.comparing(ContainerInstance::containerInstanceArn));
        return result;
    }

    @Override
    public List<Attribute> putAttributes(String cluster, List<Attribute> attributes) {
        return changeAttributes(cluster, attributes, (custom, a) -> custom.put(a.name(),
                a.value() == null ? "" : a.value()));
    }

    @Override
    public List<Attribute> deleteAttributes(String cluster, List<Attribute> attributes) {
        return changeAttributes(cluster, attributes, (custom, a) -> custom.remove(a.name()));
    }

    private List<Attribute> changeAttributes(String cluster, List<Attribute> attributes,
                                             java.util.function.BiConsumer<Map<String, String>, Attribute> change) {
        synchronized (placementLock) {
            Map<Machine, Map<String, String>> changed = new java.util.LinkedHashMap<>();
            for (Attribute attribute : attributes) {
                Machine machine = registered(cluster, attribute.targetId());
                change.accept(changed.computeIfAbsent(machine, m -> new TreeMap<>(state(cluster, m).attributes())),
                        attribute);
            }
            changed.values().forEach(LocalContainerInstances::checkLimit);
            changed.forEach((machine, custom) -> save(cluster, machine,
                    state(cluster, machine).withAttributes(custom)));
            return attributes;
        }
    }

    @Override
    public void checkExpression(String expression) {
        query(expression, PLACEMENT_EXPRESSION);
    }

    @Override
    public PlacementResult place(PlacementRequest request) {
        String cluster = request.spec().cluster();
        List<PlacementConstraint> constraints = new ArrayList<>(request.constraints());
        if (request.spec().taskDefinition().placementConstraints() != null) {
            request.spec().taskDefinition().placementConstraints()
                    .forEach(c -> constraints.add(new PlacementConstraint(c.type(), c.expression())));
        }
        List<ClusterQuery> memberOf = new ArrayList<>();
        boolean distinct = false;
        for (PlacementConstraint constraint : constraints) {
            if ("memberOf".equals(constraint.type())) {
                memberOf.add(query(constraint.expression(), PLACEMENT_EXPRESSION));
            } else if ("distinctInstance".equals(constraint.type())) {
                distinct = true;
            }
        }
        Reservation wanted = Reservation.of(request.spec().taskDefinition(), request.spec().overrides());
        String group = request.spec().group();
        synchronized (placementLock) {
            List<Machine> active = machines().stream()
                    .filter(m -> state(cluster, m).status().equals("ACTIVE"))
                    .filter(m -> request.instance().map(ref -> matches(cluster, m, ref)).orElse(true)).toList();
            if (active.isEmpty()) {
                throw EcsException.invalidParameter(NO_INSTANCES);
            }
            List<Task> launched = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            // an engine never reached has no known resources: the launch itself then says what is wrong
            boolean known = everReached;
            for (int i = 0; i < request.count() && failures.isEmpty(); i++) {
                Snapshot snapshot = snapshot(cluster);
                List<PlacementOrder.Candidate> all = new ArrayList<>();
                List<PlacementOrder.Candidate> fitting = new ArrayList<>();
                Map<String, Machine> byArn = new TreeMap<>();
                for (Machine machine : active) {
                    String arn = arn(cluster, machine);
                    byArn.put(arn, machine);
                    List<Task> there = snapshot.on(cluster, machine);
                    Reservation holds = snapshot.usedOn(machine);
                    PlacementOrder.Candidate candidate = new PlacementOrder.Candidate(arn,
                            attributes(machine, state(cluster, machine)), machine.cpuUnits() - holds.cpu(),
                            machine.memoryMib() - holds.memory(),
                            (int) there.stream().filter(t -> group.equals(t.group())).count());
                    all.add(candidate);
                    Optional<String> reason = Optional.empty();
                    if (!memberOf.isEmpty()) {
                        QueryTarget target = target(render(cluster, machine, state(cluster, machine), snapshot),
                                there);
                        if (!memberOf.stream().allMatch(q -> q.test(target))) {
                            reason = Optional.of("MemberOf placement constraint unsatisfied.");
                        }
                    }
                    if (reason.isEmpty() && distinct && candidate.groupTasks() > 0) {
                        reason = Optional.of("DistinctInstance placement constraint unsatisfied.");
                    }
                    if (reason.isEmpty() && known) {
                        reason = unavailable(machine, holds, wanted);
                    }
                    reason.ifPresentOrElse(why -> failures.add(new Failure(arn, why, null)),
                            () -> fitting.add(candidate));
                }
                if (!fitting.isEmpty()) {
                    failures.clear();
                    Machine chosen = byArn.get(PlacementOrder.order(fitting, all, request.strategies(), random)
                            .get(0).arn());
                    Task task = request.launch().apply(request.spec().placed(new TaskPlacement(chosen.name(),
                            constraints, request.strategies(), Optional.of(group),
                            Optional.ofNullable(attributes(chosen, state(cluster, chosen)).get("ecs.availability-zone")))));
                    reservations.put(task.taskArn(), wanted);
                    launched.add(task);
                }
            }
            return new PlacementResult(launched, failures);
        }
    }

    /** The first resource a machine lacks for a reservation: RESOURCE:CPU, :MEMORY, :PORTS or :PORTS_UDP. */
    static Optional<String> unavailable(Machine machine, Reservation used, Reservation wanted) {
        if (used.cpu() + wanted.cpu() > machine.cpuUnits()) {
            return Optional.of("RESOURCE:CPU");
        }
        if (used.memory() + wanted.memory() > machine.memoryMib()) {
            return Optional.of("RESOURCE:MEMORY");
        }
        Set<Integer> tcp = new TreeSet<>(used.tcpPorts());
        tcp.addAll(RESERVED_PORTS);
        if (wanted.tcpPorts().stream().anyMatch(tcp::contains)) {
            return Optional.of("RESOURCE:PORTS");
        }
        if (wanted.udpPorts().stream().anyMatch(used.udpPorts()::contains)) {
            return Optional.of("RESOURCE:PORTS_UDP");
        }
        return Optional.empty();
    }

    /**
     * What the EC2-compatible tasks not yet stopped hold, read once for one answer: their reservations on each
     * machine, whatever their cluster, and the cluster's own tasks by the instance they are on.
     *
     * @param used reservations by {@link #usageKey(Machine)}
     * @param byInstance the cluster's tasks by container instance id
     */
    private record Snapshot(Map<String, Reservation> used, Map<String, List<Task>> byInstance) {
        Reservation usedOn(Machine machine) {
            return used.getOrDefault(usageKey(machine), Reservation.NONE);
        }

        List<Task> on(String cluster, Machine machine) {
            return byInstance.getOrDefault(EcsArns.containerInstanceId(cluster, machine.name()), List.of());
        }
    }

    /** Reads the tasks holding resources once: every cluster's for the reservations, this one's by instance. */
    private Snapshot snapshot(String cluster) {
        Map<String, Reservation> total = new TreeMap<>();
        Map<String, List<Task>> byInstance = new HashMap<>();
        Set<String> live = new HashSet<>();
        List<Machine> machines = seen;
        boolean walked = false;
        for (Cluster each : clusters.list()) {
            Map<String, Machine> byId = new TreeMap<>();
            machines.forEach(m -> byId.put(EcsArns.containerInstanceId(each.clusterName(), m.name()), m));
            boolean mine = each.clusterName().equals(cluster);
            walked |= mine;
            for (Task task : holding(each.clusterName())) {
                live.add(task.taskArn());
                if (mine) {
                    byInstance.computeIfAbsent(instanceId(task), id -> new ArrayList<>()).add(task);
                }
                Machine machine = byId.get(instanceId(task));
                if (machine != null) {
                    total.merge(usageKey(machine), reservations.computeIfAbsent(task.taskArn(),
                            arn -> reservationOf(task)), Reservation::plus);
                }
            }
        }
        if (!walked) {
            holding(cluster).forEach(task -> byInstance.computeIfAbsent(instanceId(task), id -> new ArrayList<>())
                    .add(task));
        }
        reservations.keySet().retainAll(live);
        return new Snapshot(total, byInstance);
    }

    private Reservation reservationOf(Task task) {
        return definitions.resolve(task.taskDefinitionArn())
                .map(d -> Reservation.of(d, Optional.ofNullable(task.overrides()))).orElse(Reservation.NONE);
    }

    private static String instanceId(Task task) {
        String arn = task.containerInstanceArn() == null ? "" : task.containerInstanceArn();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /**
     * The EC2-compatible tasks of a cluster that are not STOPPED: only the tasks still holding resources are
     * asked for, so placement costs the same however many stopped tasks are retained.
     */
    private List<Task> holding(String cluster) {
        List<Task> result = new ArrayList<>();
        for (Task task : tasks.holdingResources(cluster)) {
            if (EC2_COMPATIBLE.contains(task.launchType()) && !"STOPPED".equals(task.lastStatus())) {
                result.add(task);
            }
        }
        return result;
    }

    /** An instance as the cluster query language sees it, with the tasks on it. */
    private static QueryTarget target(ContainerInstance instance, List<Task> there) {
        Map<String, String> attributes = new TreeMap<>();
        instance.attributes().forEach(a -> attributes.put(a.name(), a.value() == null ? "" : a.value()));
        Set<String> groups = new TreeSet<>();
        there.forEach(t -> groups.add(t.group()));
        return new QueryTarget(attributes, instance.ec2InstanceId(), Boolean.TRUE.equals(instance.agentConnected()),
                instance.versionInfo().agentVersion(), instance.registeredAt(), instance.runningTasksCount(), groups);
    }

    /** A machine's attributes and its custom ones in a cluster, by name (an empty value for a value-less one). */
    private static Map<String, String> attributes(Machine machine, InstanceState state) {
        Map<String, String> attributes = new TreeMap<>(machine.attributes());
        attributes.putAll(state.attributes());
        return attributes;
    }

    private ContainerInstance render(String cluster, Machine machine, InstanceState state, Snapshot snapshot) {
        List<Task> onInstance = snapshot.on(cluster, machine);
        int running = (int) onInstance.stream().filter(t -> "RUNNING".equals(t.lastStatus())).count();
        int pending = onInstance.size() - running;
        List<Attribute> rendered = attributes(machine, state).entrySet().stream()
                .map(e -> new Attribute(e.getKey(), e.getValue().isEmpty() ? null : e.getValue(), null, null))
                .toList();
        int cpu = (int) Math.min(Integer.MAX_VALUE, machine.cpuUnits());
        int memory = (int) Math.min(Integer.MAX_VALUE, machine.memoryMib());
        Reservation used = snapshot.usedOn(machine);
        Set<Integer> tcp = new TreeSet<>(RESERVED_PORTS);
        tcp.addAll(used.tcpPorts());
        String provider = clusters.find(cluster).map(Cluster::capacityProviders).orElse(List.of()).stream()
                .filter(name -> !CapacityProviderRegistry.BUILT_IN.contains(name))
                .filter(providers::isActive).findFirst().orElse(null);
        return new ContainerInstance(arn(cluster, machine), machine.ec2InstanceId(), provider, state.version(),
                new VersionInfo(agentVersion, null, machine.engineVersion()),
                List.of(Resource.integer("CPU", Math.max(0, cpu - used.cpu())),
                        Resource.integer("MEMORY", Math.max(0, memory - used.memory())),
                        Resource.stringSet("PORTS", strings(tcp)), Resource.stringSet("PORTS_UDP",
                                strings(used.udpPorts()))),
                List.of(Resource.integer("CPU", cpu), Resource.integer("MEMORY", memory),
                        Resource.stringSet("PORTS", strings(RESERVED_PORTS)), Resource.stringSet("PORTS_UDP",
                                List.of())),
                state.status(), null, reachable, running, pending, null, rendered, state.registeredAt(),
                List.of(), null, null);
    }

    private static List<String> strings(java.util.Collection<Integer> ports) {
        return new TreeSet<>(ports).stream().map(String::valueOf).toList();
    }

    private String arn(String cluster, Machine machine) {
        return arns.containerInstance(cluster, EcsArns.containerInstanceId(cluster, machine.name()));
    }

    /** Whether a reference (an ARN of the cluster, or a bare id) names a machine's instance in a cluster. */
    private boolean matches(String cluster, Machine machine, String reference) {
        String id = EcsArns.containerInstanceId(cluster, machine.name());
        return reference.equals(id) || reference.equals(arn(cluster, machine))
                || reference.startsWith("arn:") && reference.endsWith(":container-instance/" + id);
    }

    private Optional<Machine> machine(String cluster, String reference) {
        return reference == null ? Optional.empty()
                : machines().stream().filter(m -> matches(cluster, m, reference)).findFirst();
    }

    /** The registered machine a reference names; InvalidParameterException when there is none. */
    private Machine registered(String cluster, String reference) {
        return machine(cluster, reference).filter(m -> !state(cluster, m).status().equals("INACTIVE"))
                .orElseThrow(() -> EcsException.invalidParameter("Container instance " + reference
                        + " is not registered in cluster " + cluster + "."));
    }

    /**
     * The machines as the engine reports them now; while the engine cannot be reached, {@link #reachable} is
     * false and the last machines seen still answer ({@link Machine#UNKNOWN} when never seen).
     */
    private List<Machine> machines() {
        try {
            Optional<EngineHost> host = engine.get();
            if (host.isPresent()) {
                seen = Machine.of(host.get(), nodes.get());
                everReached = true;
            }
            reachable = host.isPresent();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The engine did not answer for the container instances: {0}", e.getMessage());
            reachable = false;
        }
        return seen;
    }

    private static String usageKey(Machine machine) {
        return machine.name().orElse("");
    }

    /** The stored state's key: the cluster, and the node for a machine with a name. */
    private static String key(String cluster, Machine machine) {
        return machine.name().map(name -> cluster + "/" + name).orElse(cluster);
    }

    private synchronized InstanceState state(String cluster, Machine machine) {
        String key = key(cluster, machine);
        InstanceState state = states.get(key);
        if (state == null) {
            state = new InstanceState("ACTIVE", clock.instant(), 1, Map.of());
            states.put(key, state);
            store.write(FILE, states);
        }
        return state;
    }

    private synchronized InstanceState save(String cluster, Machine machine, InstanceState state) {
        states.put(key(cluster, machine), state);
        store.write(FILE, states);
        return state;
    }

    private static ClusterQuery query(String expression, String what) {
        try {
            return ClusterQuery.parse(expression);
        } catch (ClusterQuery.QuerySyntaxException e) {
            throw EcsException.invalidParameter("The " + what + " '" + expression + "' is not valid: "
                    + e.getMessage() + ".");
        }
    }

    private static void checkLimit(Map<String, String> custom) {
        if (custom.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw new EcsException(dev.localecs.api.error.ErrorCode.ATTRIBUTE_LIMIT_EXCEEDED,
                    "You can have at most " + MAX_CUSTOM_ATTRIBUTES + " custom attributes per resource.");
        }
    }
}
