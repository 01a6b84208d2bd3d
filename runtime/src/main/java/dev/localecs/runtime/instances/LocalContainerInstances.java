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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * The local engine as each cluster's container instance. Status and custom attributes are stored in
 * {@code state.dir/container-instances.json}; resources and task counts are computed from the tasks each
 * time, so they are exact as tasks start and stop. {@link #place} holds one lock across the check and the
 * launch, so concurrent RunTasks never overbook the machine.
 */
public final class LocalContainerInstances implements ContainerInstances {
    private static final Logger LOG = Logger.getLogger(LocalContainerInstances.class.getName());
    private static final Path FILE = Path.of("container-instances.json");
    /** The ports the ECS agent reserves on every instance (SSH, Docker, the agent's introspection). */
    static final List<Integer> RESERVED_PORTS = List.of(22, 2375, 2376, 51678, 51679);
    private static final Set<String> EC2_COMPATIBLE = Set.of("EC2", "EXTERNAL");
    private static final int MAX_CUSTOM_ATTRIBUTES = 10;

    private final JsonFileStore store;
    private final EcsArns arns;
    private final Clock clock;
    private final ClusterRegistry clusters;
    private final CapacityProviderRegistry providers;
    private final TaskService tasks;
    private final TaskDefinitionRegistry definitions;
    private final Supplier<Optional<EngineHost>> engine;
    private final String agentVersion;
    private final Map<String, InstanceState> states;
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final Object placementLock = new Object();
    private volatile Optional<EngineHost> host = Optional.empty();
    private volatile boolean reachable;

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
     * @param agentVersion the agent version the instance reports
     */
    public LocalContainerInstances(JsonFileStore store, EcsArns arns, Clock clock, ClusterRegistry clusters,
                                   CapacityProviderRegistry providers, TaskService tasks,
                                   TaskDefinitionRegistry definitions, Supplier<Optional<EngineHost>> engine,
                                   String agentVersion) {
        this.store = requireNonNull(store, "store is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.clusters = requireNonNull(clusters, "clusters is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.agentVersion = requireNonNull(agentVersion, "agentVersion is null");
        this.states = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, InstanceState>>() { })
                .orElse(Map.of()));
    }

    @Override
    public Optional<ContainerInstance> find(String cluster) {
        InstanceState state = state(cluster);
        return state.status().equals("INACTIVE") ? Optional.empty() : Optional.of(render(cluster, state));
    }

    @Override
    public ContainerInstance register(String cluster, List<Attribute> attributes) {
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            Map<String, String> custom = new TreeMap<>(state.attributes());
            attributes.forEach(a -> custom.put(a.name(), a.value() == null ? "" : a.value()));
            checkLimit(custom);
            Instant registeredAt = state.status().equals("INACTIVE") ? clock.instant() : state.registeredAt();
            return render(cluster, save(cluster, new InstanceState("ACTIVE", registeredAt, state.version() + 1,
                    custom)));
        }
    }

    @Override
    public ContainerInstance deregister(String cluster, boolean force) {
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            if (!force && !tasksOn(cluster).isEmpty()) {
                throw EcsException.invalidParameter("Found running tasks on the instance.");
            }
            return render(cluster, save(cluster, state.with("INACTIVE")));
        }
    }

    @Override
    public ContainerInstance updateStatus(String cluster, String status) {
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            return render(cluster, state.status().equals(status) ? state : save(cluster, state.with(status)));
        }
    }

    @Override
    public List<ContainerInstance> list(String cluster, Optional<String> filter, Optional<String> status) {
        Optional<ClusterQuery> query = filter.filter(f -> !f.isBlank()).map(f -> query(f, "filter"));
        return find(cluster).filter(i -> status.map(i.status()::equals).orElse(true))
                .filter(i -> query.map(q -> q.test(target(cluster, i))).orElse(true)).stream().toList();
    }

    @Override
    public List<Attribute> putAttributes(String cluster, List<Attribute> attributes) {
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            Map<String, String> custom = new TreeMap<>(state.attributes());
            attributes.forEach(a -> custom.put(a.name(), a.value() == null ? "" : a.value()));
            checkLimit(custom);
            save(cluster, state.withAttributes(custom));
            return attributes;
        }
    }

    @Override
    public List<Attribute> deleteAttributes(String cluster, List<Attribute> attributes) {
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            Map<String, String> custom = new TreeMap<>(state.attributes());
            attributes.forEach(a -> custom.remove(a.name()));
            save(cluster, state.withAttributes(custom));
            return attributes;
        }
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
                memberOf.add(query(constraint.expression(), "placement constraint expression"));
            } else if ("distinctInstance".equals(constraint.type())) {
                distinct = true;
            }
        }
        Reservation wanted = Reservation.of(request.spec().taskDefinition(), request.spec().overrides());
        String group = request.spec().group();
        synchronized (placementLock) {
            InstanceState state = state(cluster);
            if (!state.status().equals("ACTIVE")) {
                throw EcsException.invalidParameter("No Container Instances were found in your cluster.");
            }
            String arn = arns.localContainerInstance(cluster);
            List<Task> launched = new ArrayList<>();
            Set<String> reasons = new LinkedHashSet<>();
            // an engine never reached has no known resources: the launch itself then says what is wrong
            Optional<EngineHost> machine = host();
            for (int i = 0; i < request.count() && reasons.isEmpty(); i++) {
                Optional<QueryTarget> target = memberOf.isEmpty() ? Optional.empty()
                        : Optional.of(target(cluster, render(cluster, state)));
                if (!memberOf.stream().allMatch(q -> q.test(target.orElseThrow()))) {
                    reasons.add("MemberOf placement constraint unsatisfied.");
                } else if (distinct && tasksOn(cluster).stream().anyMatch(t -> group.equals(t.group()))) {
                    reasons.add("DistinctInstance placement constraint unsatisfied.");
                } else {
                    machine.flatMap(known -> unavailable(known, wanted)).ifPresent(reasons::add);
                }
                if (reasons.isEmpty()) {
                    Task task = request.launch().get();
                    reservations.put(task.taskArn(), wanted);
                    launched.add(task);
                }
            }
            if (!launched.isEmpty()) {
                save(cluster, state.withAttributes(state.attributes()));
            }
            List<Failure> failures = reasons.stream().map(reason -> new Failure(arn, reason, null)).toList();
            return new PlacementResult(launched, failures);
        }
    }

    /** The first resource the machine lacks for a reservation: RESOURCE:CPU, :MEMORY, :PORTS or :PORTS_UDP. */
    Optional<String> unavailable(EngineHost machine, Reservation wanted) {
        Reservation used = used();
        if (used.cpu() + wanted.cpu() > machine.cpus() * 1024) {
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

    /** What every EC2-compatible task not yet stopped holds on the machine, whatever its cluster. */
    Reservation used() {
        Reservation total = Reservation.NONE;
        Set<String> live = new java.util.HashSet<>();
        for (Cluster cluster : clusters.list()) {
            for (Task task : tasksOn(cluster.clusterName())) {
                live.add(task.taskArn());
                total = total.plus(reservations.computeIfAbsent(task.taskArn(), arn -> reservationOf(task)));
            }
        }
        reservations.keySet().retainAll(live);
        return total;
    }

    private Reservation reservationOf(Task task) {
        return definitions.resolve(task.taskDefinitionArn())
                .map(d -> Reservation.of(d, Optional.ofNullable(task.overrides()))).orElse(Reservation.NONE);
    }

    /**
     * The EC2-compatible tasks of a cluster that are not STOPPED: only the tasks still holding resources are
     * asked for, so placement costs the same however many stopped tasks are retained.
     */
    private List<Task> tasksOn(String cluster) {
        List<Task> result = new ArrayList<>();
        for (Task task : tasks.holdingResources(cluster)) {
            if (EC2_COMPATIBLE.contains(task.launchType()) && !"STOPPED".equals(task.lastStatus())) {
                result.add(task);
            }
        }
        return result;
    }

    private QueryTarget target(String cluster, ContainerInstance instance) {
        Map<String, String> attributes = new TreeMap<>();
        instance.attributes().forEach(a -> attributes.put(a.name(), a.value() == null ? "" : a.value()));
        Set<String> groups = new TreeSet<>();
        tasksOn(cluster).forEach(t -> groups.add(t.group()));
        return new QueryTarget(attributes, instance.ec2InstanceId(), Boolean.TRUE.equals(instance.agentConnected()),
                instance.versionInfo().agentVersion(), instance.registeredAt(), instance.runningTasksCount(), groups);
    }

    private ContainerInstance render(String cluster, InstanceState state) {
        Optional<EngineHost> machine = host();
        List<Task> onInstance = tasksOn(cluster);
        int running = (int) onInstance.stream().filter(t -> "RUNNING".equals(t.lastStatus())).count();
        int pending = onInstance.size() - running;
        Map<String, String> attributes = new TreeMap<>(machine.map(InstanceAttributes::of).orElse(Map.of()));
        attributes.putAll(state.attributes());
        List<Attribute> rendered = attributes.entrySet().stream()
                .map(e -> new Attribute(e.getKey(), e.getValue().isEmpty() ? null : e.getValue(), null, null))
                .toList();
        int cpu = machine.map(h -> h.cpus() * 1024).orElse(0);
        int memory = (int) Math.min(Integer.MAX_VALUE, machine.map(EngineHost::memoryMib).orElse(0L));
        Reservation used = used();
        Set<Integer> tcp = new TreeSet<>(RESERVED_PORTS);
        tcp.addAll(used.tcpPorts());
        String provider = clusters.find(cluster).map(Cluster::capacityProviders).orElse(List.of()).stream()
                .filter(name -> !CapacityProviderRegistry.BUILT_IN.contains(name))
                .filter(providers::isActive).findFirst().orElse(null);
        return new ContainerInstance(arns.localContainerInstance(cluster),
                machine.map(h -> ec2InstanceId(h.engineId())).orElse(ec2InstanceId("unknown")), provider,
                state.version(), new VersionInfo(agentVersion, null, machine.map(EngineHost::engineVersion)
                        .orElse(null)),
                List.of(Resource.integer("CPU", Math.max(0, cpu - used.cpu())),
                        Resource.integer("MEMORY", Math.max(0, memory - used.memory())),
                        Resource.stringSet("PORTS", strings(tcp)), Resource.stringSet("PORTS_UDP",
                                strings(used.udpPorts()))),
                List.of(Resource.integer("CPU", cpu), Resource.integer("MEMORY", memory),
                        Resource.stringSet("PORTS", strings(RESERVED_PORTS)), Resource.stringSet("PORTS_UDP",
                                List.of())),
                state.status(), null, machine.isPresent() && reachable, running, pending, null, rendered,
                state.registeredAt(),
                List.of(), null, null);
    }

    private static List<String> strings(java.util.Collection<Integer> ports) {
        return new TreeSet<>(ports).stream().map(String::valueOf).toList();
    }

    /** The EC2 instance id of the machine: {@code i-} and 17 hex characters derived from the engine's id. */
    static String ec2InstanceId(String engineId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(engineId.getBytes(StandardCharsets.UTF_8));
            return "i-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The machine as the engine reports it now; while the engine cannot be reached, {@link #reachable} is false
     * and the last machine seen still answers (empty when never seen).
     */
    private Optional<EngineHost> host() {
        try {
            Optional<EngineHost> fresh = engine.get();
            fresh.ifPresent(machine -> host = Optional.of(machine));
            reachable = fresh.isPresent();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The engine did not answer for the container instance: {0}", e.getMessage());
            reachable = false;
        }
        return host;
    }

    private synchronized InstanceState state(String cluster) {
        InstanceState state = states.get(cluster);
        if (state == null) {
            state = new InstanceState("ACTIVE", clock.instant(), 1, Map.of());
            states.put(cluster, state);
            store.write(FILE, states);
        }
        return state;
    }

    private synchronized InstanceState save(String cluster, InstanceState state) {
        states.put(cluster, state);
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
