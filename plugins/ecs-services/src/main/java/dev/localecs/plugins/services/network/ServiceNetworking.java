package dev.localecs.plugins.services.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.plugins.services.network.Registrations.Registration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' network, made to match their tasks on each {@link #refresh(List)}: Service Connect proxies (one
 * listen address per {@code <namespace>/<discoveryName>}, a listener per port), front doors for load-balanced
 * services, Cloud Map instances and ELBv2 targets. {@link #drain(String, String)} takes a task out of all of
 * them at once, before the scheduler stops it.
 */
public final class ServiceNetworking implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetworking.class);
    private static final int REMEMBERED_DRAINS = 10_000;
    /** How long a drain waits for connections already relayed to the task to end (ELB's deregistration delay). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    /** A listener and its balancer. */
    private record Listener(TcpProxy proxy, Balancer balancer) {
    }

    /**
     * What a front door health-checks: the path, the targets' port as the load balancer entry names it, and
     * where the checks are said to run (its target group, else the front door itself).
     */
    private record Checked(String path, int containerPort, String checkedIn) {
    }

    private final PluginContext context;
    private final NetworkSettings settings;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    /** Listener key → the service that owns it. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    /** Service Connect address keys held, by the owning service. */
    private final Map<String, Set<String>> addresses = new ConcurrentHashMap<>();
    private final Registrations registrations;
    private final RegistrationTargets targets;
    private final Map<String, TaskDefinition> definitions = new ConcurrentHashMap<>();
    private final Set<String> drained = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_DRAINS;
                }
            }));
    private final Set<String> problems = ConcurrentHashMap.newKeySet();
    /** Listener key → its HTTP health check, for front doors of services with a health check path. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final HealthCheckSettings healthChecks;
    /** On the simulated engine nothing listens in a task: its targets pass, as its container health checks do. */
    private final boolean simulated;

    private final Supplier<List<NetworkedService>> services;

    ServiceNetworking(PluginContext context, NetworkSettings settings, Supplier<List<NetworkedService>> services) {
        this.context = context;
        this.settings = settings;
        this.services = services;
        this.healthChecks = HealthCheckSettings.read(context.config());
        this.simulated = "simulated".equals(context.config().get("tasks.engine", "docker"));
        this.registrations = new Registrations(settings);
        this.targets = new RegistrationTargets(context.config().get("endpoint.host", "169.254.170.2"),
                settings.instanceId(), this::definition);
    }

    /**
     * The networking of a plugin context.
     *
     * @param context the runtime's services
     * @param services every service the plugin knows, as they are now
     * @return a new networking with the configured peers
     */
    public static ServiceNetworking create(PluginContext context, Supplier<List<NetworkedService>> services) {
        return new ServiceNetworking(context, NetworkSettings.read(context), services);
    }

    /**
     * Makes listeners, balancers and registrations match the services and their tasks now.
     *
     * @param services every service the plugin knows
     */
    public synchronized void refresh(List<NetworkedService> services) {
        problems.clear();
        Set<String> live = new HashSet<>();
        for (NetworkedService service : services) {
            if (!service.live()) {
                continue;
            }
            live.add(service.key());
            try {
                refresh(service);
            } catch (RuntimeException e) {
                report(service, e);
            }
        }
        Set<String> known = new HashSet<>(addresses.keySet());
        known.addAll(owners.values());
        for (String key : known) {
            if (!live.contains(key)) {
                forget(key);
            }
        }
    }

    private void refresh(NetworkedService service) {
        List<Task> tasks = context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(), Optional.empty(),
                "RUNNING", Optional.empty(), Optional.of(service.serviceName())));
        List<Task> serving = tasks.stream().filter(TaskPorts::serving).filter(t -> !drained.contains(t.taskArn()))
                .toList();
        Set<String> wanted = new HashSet<>();
        // each part on its own: a peer that fails (Cloud Map down) must not keep the proxies from following the tasks
        boolean complete = guarded(service, () -> service.serviceConnect()
                .ifPresent(connect -> connect(service, connect, serving, wanted)));
        complete &= guarded(service, () -> loadBalancers(service, serving, wanted));
        guarded(service, () -> registries(service, serving));
        for (Map.Entry<String, String> owner : new ArrayList<>(owners.entrySet())) {
            if (complete && owner.getValue().equals(service.key()) && !wanted.contains(owner.getKey())) {
                close(owner.getKey());
            }
        }
        Set<String> servingArns = new HashSet<>();
        serving.forEach(task -> servingArns.add(task.taskArn()));
        for (Registration registration : registrations.ofCluster(service.cluster())) {
            if (!servingArns.contains(registration.taskArn()) && belongs(registration, service)) {
                registrations.undo(registration);
            }
        }
    }

    private boolean guarded(NetworkedService service, Runnable part) {
        try {
            part.run();
            return true;
        } catch (RuntimeException e) {
            report(service, e);
            return false;
        }
    }

    private void connect(NetworkedService service, ServiceConnect connect, List<Task> serving, Set<String> wanted) {
        for (ServiceConnect.Served served : connect.services()) {
            String addressKey = addressKey(connect, served);
            InetAddress address = acquire(service, addressKey);
            Map<Integer, List<Backend>> byPort = new LinkedHashMap<>();
            Optional<Integer> containerPort = Optional.empty();
            List<Backend> backends = new ArrayList<>();
            for (Task task : serving) {
                Optional<TaskPorts.NamedPort> port = definition(task).flatMap(d -> TaskPorts.named(d, served.portName()));
                if (port.isPresent()) {
                    containerPort = containerPort.or(() -> Optional.of(port.get().containerPort()));
                    TaskPorts.backend(task, port.get().containerName(), port.get().containerPort())
                            .ifPresent(backends::add);
                }
            }
            served.aliases().forEach(alias -> byPort.put(alias.port(), backends));
            containerPort.ifPresent(port -> byPort.putIfAbsent(port, backends));
            for (Map.Entry<Integer, List<Backend>> entry : byPort.entrySet()) {
                String key = "connect:" + addressKey + ":" + entry.getKey();
                wanted.add(key);
                listen(service, key, new InetSocketAddress(address, entry.getKey()), entry.getValue());
            }
            guarded(service, () -> connectInstances(connect, served, serving));
        }
    }

    private void loadBalancers(NetworkedService service, List<Task> serving, Set<String> wanted) {
        for (JsonNode balancer : service.members().path("loadBalancers")) {
            String group = balancer.path("targetGroupArn").asText("");
            String container = balancer.path("containerName").asText("");
            int containerPort = balancer.path("containerPort").asInt(0);
            if (container.isEmpty() || containerPort == 0) {
                continue;
            }
            Optional<TargetGroups.Group> targetGroup = targetGroup(service, group);
            List<Backend> backends = new ArrayList<>();
            for (Task task : serving) {
                Optional<Backend> backend = TaskPorts.backend(task, container, containerPort);
                if (backend.isEmpty()) {
                    continue;
                }
                backends.add(backend.get());
                if (targetGroup.isPresent()) {
                    TargetGroups.Group known = targetGroup.get();
                    guarded(service, () -> targets.target(task, group, known, container, containerPort)
                            .ifPresent(target -> apply(target, () -> settings.targetGroups().orElseThrow()
                                    .register(group, target.id(), target.port()))));
                }
            }
            int port = NetworkSettings.frontDoorPort(context, service.serviceName())
                    .or(() -> targetGroup.flatMap(TargetGroups.Group::port)).orElse(containerPort);
            String key = "door:" + service.key() + ":" + group + ":" + container + ":" + containerPort;
            wanted.add(key);
            InetSocketAddress address = new InetSocketAddress(settings.frontDoorHost(), port);
            Optional<String> path = service.healthCheckPath();
            if (path.isPresent()) {
                checked.put(key, new Checked(path.get(), containerPort, group.isEmpty()
                        ? "front door " + settings.frontDoorHost() + ":" + port : "target-group " + group));
            } else {
                checked.remove(key);
            }
            listen(service, key, address, backends);
        }
    }

    /** The target group as ELBv2 describes it; empty without an endpoint, or (reported) when it cannot be asked. */
    private Optional<TargetGroups.Group> targetGroup(NetworkedService service, String group) {
        try {
            return group.isEmpty() ? Optional.empty() : settings.targetGroups().map(groups -> groups.group(group));
        } catch (RuntimeException e) {
            report(service, e);
            return Optional.empty();
        }
    }

    private void registries(NetworkedService service, List<Task> serving) {
        if (settings.cloudMap().isEmpty()) {
            return;
        }
        CloudMap cloudMap = settings.cloudMap().get();
        for (JsonNode registry : service.members().path("serviceRegistries")) {
            String arn = registry.path("registryArn").asText("");
            if (arn.isEmpty()) {
                continue;
            }
            CloudMap.Names names = cloudMap.names(arn);
            for (Task task : serving) {
                guarded(service, () -> targets.registryInstance(task, registry, names).ifPresent(instance -> apply(
                        instance.registration(), () -> cloudMap.register(names.serviceId(),
                                instance.registration().id(), instance.attributes()))));
            }
        }
    }

    /**
     * Service Connect's Cloud Map side, with an endpoint configured and the namespace known there: the
     * namespace's service of the discovery name (created when missing, as ECS does) lists the serving tasks.
     */
    private void connectInstances(ServiceConnect connect, ServiceConnect.Served served, List<Task> serving) {
        if (settings.cloudMap().isEmpty() || serving.isEmpty()) {
            return;
        }
        CloudMap cloudMap = settings.cloudMap().get();
        Optional<String> namespaceId = cloudMap.namespaceId(connect.namespace());
        if (namespaceId.isEmpty()) {
            return; // a namespace that exists only here
        }
        String serviceId = cloudMap.serviceId(namespaceId.get(), served.discoveryName());
        for (Task task : serving) {
            Optional<TaskPorts.NamedPort> port = definition(task).flatMap(d -> TaskPorts.named(d, served.portName()));
            if (port.isPresent()) {
                RegistrationTargets.Instance instance = targets.instance(task, port, Optional.empty(), serviceId);
                apply(instance.registration(), () -> cloudMap.register(serviceId, instance.registration().id(),
                        instance.attributes()));
            }
        }
    }

    /**
     * Starts the HTTP health checks that are due on the front doors of services with a health check path, each on
     * a virtual thread of its own (a slow target holds up nobody); each records its result when it ends. On the
     * simulated engine (nothing listens in its tasks) a due check passes, as a simulated container's health check
     * does. Called by the network worker on its tick.
     */
    public void checkHealth() {
        for (Map.Entry<String, Checked> entry : checked.entrySet()) {
            Listener listener = listeners.get(entry.getKey());
            if (listener == null || listener.balancer().health().isEmpty()) {
                continue;
            }
            TargetHealth health = listener.balancer().health().get();
            String path = entry.getValue().path();
            for (Backend target : health.due(listener.balancer().backends(), context.clock().instant())) {
                if (simulated) {
                    health.record(target.taskArn(), TargetHealth.Check.PASSED, context.clock().instant());
                    continue;
                }
                Thread.ofVirtual().name("health-check-" + target.taskArn()).start(() -> health.record(
                        target.taskArn(), HealthProbe.check(target, path, healthChecks.timeout()),
                        context.clock().instant()));
            }
        }
    }

    /**
     * Whether a front door found a task UNHEALTHY, for the scheduler to replace it as ECS replaces a task that
     * fails its ELB health checks.
     *
     * @param taskArn the task
     * @return the failure, when a front door that health-checks the task found it UNHEALTHY
     */
    public Optional<TargetFailure> targetFailure(String taskArn) {
        for (Map.Entry<String, Checked> entry : checked.entrySet()) {
            Listener listener = listeners.get(entry.getKey());
            Optional<String> reason = listener == null ? Optional.empty()
                    : listener.balancer().health().flatMap(health -> health.failure(taskArn));
            if (reason.isPresent()) {
                Checked door = entry.getValue();
                return Optional.of(new TargetFailure(taskArn, door.containerPort(), door.checkedIn(), reason.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * How many connections the front doors of a service have relayed since they opened: the requests its load
     * balancer has seen (one request per connection; see the README).
     *
     * @param serviceKey {@code <cluster>/<name>}
     * @return the count, summed over the service's front doors
     */
    public long frontDoorRequests(String serviceKey) {
        long total = 0;
        for (Map.Entry<String, String> owner : owners.entrySet()) {
            Listener listener = listeners.get(owner.getKey());
            if (owner.getValue().equals(serviceKey) && owner.getKey().startsWith("door:") && listener != null) {
                total += listener.balancer().relayed();
            }
        }
        return total;
    }

    /**
     * Takes a task out of every balancer and registration; called before the scheduler stops it, so no new
     * connection reaches it and Cloud Map and target groups no longer list it when it gets its stop signal.
     *
     * @param cluster the cluster
     * @param taskId the task id
     */
    public void drain(String cluster, String taskId) {
        Optional<Task> task = context.tasks().find(cluster, taskId);
        if (task.isEmpty()) {
            return;
        }
        String arn = task.get().taskArn();
        drained.add(arn);
        listeners.values().forEach(listener -> listener.balancer().drain(arn));
        // the replacement that made this stop possible may have turned RUNNING since the last refresh
        refresh(services.get());
        registrations.undoTask(arn);
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (listeners.values().stream().anyMatch(l -> l.balancer().active(arn) > 0)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The {@code /etc/hosts} entries of a task of {@code client}: every Service Connect name of its namespace
     * ({@code clientAliases[].dnsName} and {@code discoveryName}), each at its service's listen address.
     *
     * @param client the service the task belongs to
     * @param services every service
     * @return {@code name:address} entries, empty when the service has no Service Connect
     */
    public List<String> hosts(NetworkedService client, List<NetworkedService> services) {
        Optional<ServiceConnect> own = client.serviceConnect();
        if (own.isEmpty()) {
            return List.of();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (NetworkedService service : services) {
            if (!service.live() && !service.key().equals(client.key())) {
                continue;
            }
            Optional<ServiceConnect> connect = service.serviceConnect()
                    .filter(c -> c.namespaceKey().equals(own.get().namespaceKey()));
            if (connect.isEmpty()) {
                continue;
            }
            for (ServiceConnect.Served served : connect.get().services()) {
                String address;
                try {
                    address = acquire(service, addressKey(connect.get(), served)).getHostAddress();
                } catch (RuntimeException e) {
                    // the task still starts, without this name; the worker's refresh reports the cause
                    LOG.warn("Service Connect name {} left out of a task of {}: {}", served.discoveryName(),
                            client.serviceName(), e.getMessage());
                    continue;
                }
                entries.putIfAbsent(served.discoveryName(), address);
                served.aliases().forEach(alias -> entries.putIfAbsent(alias.dnsName(), address));
            }
        }
        List<String> hosts = new ArrayList<>();
        entries.forEach((name, address) -> hosts.add(name + ":" + address));
        return hosts;
    }

    /**
     * The DNS names a service's tasks have on the task network for its {@code serviceRegistries}: {@code
     * <service>.<namespace>} from Cloud Map when an endpoint is configured; else the ECS service's name.
     *
     * @param service the service
     * @return the names
     */
    public List<String> discoveryNames(NetworkedService service) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode registry : service.members().path("serviceRegistries")) {
            String arn = registry.path("registryArn").asText("");
            if (arn.isEmpty()) {
                continue;
            }
            if (settings.cloudMap().isPresent()) {
                try {
                    names.add(settings.cloudMap().get().names(arn).dnsName());
                } catch (RuntimeException e) {
                    report(service, e);
                    names.add(service.serviceName());
                }
            } else {
                names.add(service.serviceName());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Problems seen (a listener that cannot bind, a peer that fails), for {@code /health}.
     *
     * @return the latest problem, if any
     */
    public Optional<String> problem() {
        return problems.stream().findFirst();
    }

    /**
     * The balancer of a listener, for tests and diagnostics.
     *
     * @param address the listener's address and port
     * @return its balancer
     */
    public Optional<Balancer> balancer(InetSocketAddress address) {
        return listeners.values().stream().filter(l -> l.proxy().address().equals(address))
                .map(Listener::balancer).findFirst();
    }

    private void listen(NetworkedService service, String key, InetSocketAddress address, List<Backend> backends) {
        Listener listener = listeners.get(key);
        if (listener != null && !listener.proxy().address().equals(address)) {
            close(key);
            listener = null;
        }
        if (listener == null) {
            Balancer balancer = new Balancer();
            if (checked.containsKey(key)) {
                balancer.checkedBy(new TargetHealth(healthChecks));
            }
            balancer.update(backends);
            try {
                listener = new Listener(TcpProxy.start(key, address, balancer), balancer);
            } catch (IOException e) {
                problem(service, "cannot listen on " + address + " (" + key + "): " + e.getMessage());
                return;
            }
            listeners.put(key, listener);
            owners.put(key, service.key());
        }
        if (checked.containsKey(key) && listener.balancer().health().isEmpty()) {
            listener.balancer().checkedBy(new TargetHealth(healthChecks));
        }
        listener.balancer().update(backends);
    }

    private InetAddress acquire(NetworkedService service, String addressKey) {
        InetAddress address = context.listenAddresses().acquire(addressKey);
        addresses.computeIfAbsent(service.key(), k -> ConcurrentHashMap.newKeySet()).add(addressKey);
        return address;
    }

    private void close(String key) {
        Listener listener = listeners.remove(key);
        owners.remove(key);
        checked.remove(key);
        if (listener != null) {
            listener.proxy().close();
        }
    }

    /** A service that is gone: its listeners closed, its addresses given back. */
    private void forget(String serviceKey) {
        for (Map.Entry<String, String> owner : new ArrayList<>(owners.entrySet())) {
            if (owner.getValue().equals(serviceKey)) {
                close(owner.getKey());
            }
        }
        Set<String> held = addresses.remove(serviceKey);
        if (held != null) {
            held.forEach(key -> context.listenAddresses().release(key));
        }
    }

    private void apply(Registration registration, Runnable call) {
        if (!drained.contains(registration.taskArn())) {
            registrations.apply(registration, call);
        }
    }

    private boolean belongs(Registration registration, NetworkedService service) {
        String id = registration.taskArn().substring(registration.taskArn().lastIndexOf('/') + 1);
        return context.tasks().find(service.cluster(), id)
                .map(task -> ("service:" + service.serviceName()).equals(task.group())).orElse(true);
    }

    private Optional<TaskDefinition> definition(Task task) {
        TaskDefinition known = definitions.get(task.taskDefinitionArn());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<TaskDefinition> found = context.taskDefinitions().resolve(task.taskDefinitionArn());
        found.ifPresent(d -> definitions.put(task.taskDefinitionArn(), d));
        return found;
    }

    private static String addressKey(ServiceConnect connect, ServiceConnect.Served served) {
        return "service-connect/" + connect.namespaceKey() + "/" + served.discoveryName();
    }

    private void report(NetworkedService service, RuntimeException e) {
        problem(service, e.getMessage());
    }

    private void problem(NetworkedService service, String message) {
        String text = "service " + service.serviceName() + ": " + message;
        if (problems.add(text)) {
            LOG.warn("Service networking: {}", text);
        }
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(listeners.keySet()).forEach(this::close);
    }
}
