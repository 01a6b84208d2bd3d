package dev.localecs.engine.kubernetes;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.LaunchHints;
import dev.localecs.runtime.tasks.LaunchException;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a task's effective compose project into one Pod. Deterministic (the golden Pod specs of the converter
 * corpus are checked against its output).
 *
 * <ul>
 *   <li>The awsvpc pause service is not a container: the Pod's sandbox owns the network namespace.</li>
 *   <li>Startup order: a container another one needs COMPLETE or SUCCESS is an init container (it runs to its end
 *       before the next one starts); one needed START or HEALTHY is a native sidecar (an init container with
 *       {@code restartPolicy: Always}; for HEALTHY its health check is also its startup probe, so the kubelet
 *       starts the next one only once it is healthy); the others are the Pod's containers, started together
 *       after the init containers.</li>
 *   <li>Each container reads the values resolved at the launch (secrets, environment files) from a Secret of
 *       its own ({@code envFrom}); the Secret is made when the lifecycle starts the container, and the kubelet
 *       cannot start a container whose Secret is missing — so no container runs before the lifecycle starts
 *       it, as on Docker.</li>
 *   <li>A health check is the readiness probe (no restarts, as ECS): ready is HEALTHY.</li>
 * </ul>
 */
public final class PodSpecBuilder {
    /** The ECS credentials and metadata address every task reaches. */
    static final String ENDPOINT_ADDRESS = "169.254.170.2";
    /** The forwarding init container's name. */
    static final String NAT_CONTAINER = "ecs-local-endpoint-nat";

    private final KubernetesSettings settings;

    /**
     * Creates the builder.
     *
     * @param settings the engine settings (labels, host paths, storage class, forwarding image)
     */
    public PodSpecBuilder(KubernetesSettings settings) {
        this.settings = settings;
    }

    /** The role of a container in the Pod's startup order. */
    enum Role {
        /** runs to its end before later containers start */
        INIT,
        /** starts (and for HEALTHY: becomes healthy) before later containers start, then keeps running */
        SIDECAR,
        /** started with the other main containers after every init container */
        MAIN
    }

    /**
     * Builds the Pod of a task; its placement ({@link ComposedTask#placement()}) becomes node affinity, Pod
     * anti-affinity and topology spread ({@link PodPlacement}).
     *
     * @param compose the effective project
     * @param endpoint the endpoint Service's {@code address:port} 169.254.170.2 is forwarded to, if any
     * @return the plan
     * @throws LaunchException when the task needs what the settings do not allow (host paths, claims)
     */
    public PodPlan build(ComposedTask compose, Optional<String> endpoint) {
        Map<String, ComposeService> services = new LinkedHashMap<>();
        List<String> pause = new ArrayList<>();
        compose.effective().services().forEach((name, service) -> {
            if (LaunchHints.of(service).pause()) {
                pause.add(name);
            } else {
                services.put(name, service);
            }
        });
        if (services.isEmpty()) {
            throw new LaunchException(LaunchException.Kind.START, null, "the task has no containers", null);
        }
        ComposeService first = services.values().iterator().next();
        Map<String, String> labels = first.labels() == null ? Map.of() : first.labels();
        String taskArn = labels.getOrDefault(EcsLabels.TASK_ARN, compose.project());
        String podName = KubeNames.label(compose.project());
        List<String> notes = new ArrayList<>();
        PodPlacement placement = PodPlacement.of(compose.placement(),
                labels.getOrDefault(EcsLabels.CLUSTER, "default"));
        notes.addAll(placement.notes());

        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        services.keySet().forEach(service -> {
            String name = KubeNames.label(service);
            if (!taken.add(name) || name.equals(NAT_CONTAINER)) {
                throw new LaunchException(LaunchException.Kind.START, service, "container names '" + service
                        + "' and another one are the same Kubernetes name '" + name + "'", null);
            }
            names.put(service, name);
        });

        Map<String, Role> roles = roles(services);
        List<String> order = startOrder(services);
        PodVolumes volumes = new PodVolumes(settings, compose.effective().volumes() == null ? Map.of()
                : compose.effective().volumes());
        Map<String, List<VolumeMount>> mounts = volumes.mounts(services);

        List<Container> init = new ArrayList<>();
        endpoint.ifPresent(address -> init.add(natContainer(address)));
        List<Container> main = new ArrayList<>();
        // init containers in dependency order, the main ones in the task definition's order
        for (String service : order) {
            if (roles.get(service) != Role.MAIN) {
                init.add(container(podName, names.get(service), services.get(service), mounts.get(service),
                        roles.get(service), notes, service));
            }
        }
        for (String service : services.keySet()) {
            if (roles.get(service) == Role.MAIN) {
                main.add(container(podName, names.get(service), services.get(service), mounts.get(service),
                        Role.MAIN, notes, service));
            }
        }

        PodSecurityContext podSecurity = podSecurity(services.values());
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(podName)
                .withLabels(labels(labels, taskArn, placement.labels()))
                .withAnnotations(annotations(compose, taskArn, names, services, pause))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withTerminationGracePeriodSeconds(services.values().stream()
                        .mapToLong(PodSpecBuilder::stopTimeout).max().orElse(30))
                .withEnableServiceLinks(false)
                .withInitContainers(init)
                .withContainers(main)
                .withVolumes(volumes.volumes())
                .endSpec();
        if (podSecurity != null) {
            pod.editSpec().withSecurityContext(podSecurity).endSpec();
        }
        if (services.values().stream().anyMatch(s -> "host".equals(s.networkMode()))) {
            pod.editSpec().withHostNetwork(true).withDnsPolicy("ClusterFirstWithHostNet").endSpec();
        }
        if (services.values().stream().anyMatch(s -> "host".equals(s.pid()))) {
            pod.editSpec().withHostPID(true).endSpec();
        } else if (services.values().stream().anyMatch(s -> s.pid() != null && s.pid().startsWith("service:"))) {
            pod.editSpec().withShareProcessNamespace(true).endSpec();
        }
        if (services.values().stream().anyMatch(s -> "host".equals(s.ipc()))) {
            pod.editSpec().withHostIPC(true).endSpec();
        }
        services.values().stream().map(ComposeService::hostname).filter(h -> h != null && !h.isBlank()).findFirst()
                .ifPresent(h -> pod.editSpec().withHostname(KubeNames.label(h)).endSpec());
        dns(services.values()).ifPresent(dns -> pod.editSpec().withDnsPolicy("None").withDnsConfig(dns).endSpec());
        List<HostAlias> aliases = hostAliases(services.values());
        if (!aliases.isEmpty()) {
            pod.editSpec().withHostAliases(aliases).endSpec();
        }
        services.values().stream().map(ComposeService::platform).filter(p -> p != null && p.contains("/"))
                .findFirst().ifPresent(platform -> {
                    String[] parts = platform.split("/");
                    pod.editSpec().withNodeSelector(new TreeMap<>(Map.of("kubernetes.io/os", parts[0],
                            "kubernetes.io/arch", parts[1]))).endSpec();
                });
        placement.affinity().ifPresent(affinity -> pod.editSpec().withAffinity(affinity).endSpec());
        if (!placement.spread().isEmpty()) {
            pod.editSpec().withTopologySpreadConstraints(placement.spread()).endSpec();
        }
        return new PodPlan(pod.build(), volumes.claims(), names, notes);
    }

    /** How each container takes part in the startup order (see the class comment). */
    static Map<String, Role> roles(Map<String, ComposeService> services) {
        Map<String, Role> roles = new LinkedHashMap<>();
        services.keySet().forEach(name -> roles.put(name, Role.MAIN));
        services.forEach((name, definition) -> LaunchHints.of(definition).dependencies().forEach((dependency, cond) -> {
            if (!roles.containsKey(dependency)) {
                return;
            }
            if (cond.equals("COMPLETE") || cond.equals("SUCCESS")) {
                roles.put(dependency, Role.INIT);
            } else if (roles.get(dependency) == Role.MAIN) {
                roles.put(dependency, Role.SIDECAR);
            }
        }));
        return roles;
    }

    /** The services in dependency order (compose order among those that are free to go). */
    private static List<String> startOrder(Map<String, ComposeService> services) {
        Map<String, Set<String>> waiting = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Set<String> needs = new LinkedHashSet<>(LaunchHints.of(definition).dependencies().keySet());
            needs.retainAll(services.keySet());
            waiting.put(name, needs);
        });
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        while (order.size() < services.size()) {
            waiting.forEach((name, needs) -> {
                if (!order.contains(name) && !ready.contains(name) && order.containsAll(needs)) {
                    ready.add(name);
                }
            });
            if (ready.isEmpty()) {
                throw new LaunchException(LaunchException.Kind.START, null,
                        "the containers' dependencies form a cycle", null);
            }
            order.add(ready.poll());
        }
        return order;
    }

    private Container container(String podName, String name, ComposeService definition, List<VolumeMount> mounts,
                                Role role, List<String> notes, String service) {
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(definition.image())
                .withImagePullPolicy(pullPolicy(definition.pullPolicy()));
        if (definition.entrypoint() != null && !definition.entrypoint().isEmpty()) {
            c.withCommand(definition.entrypoint());
        }
        if (definition.command() != null && !definition.command().isEmpty()) {
            c.withArgs(definition.command());
        }
        List<EnvVar> env = new ArrayList<>();
        if (definition.environment() != null) {
            // variables without a value are resolved at the launch: they come from the container's Secret
            definition.environment().forEach((key, value) -> {
                if (value != null) {
                    env.add(new EnvVar(key, value, null));
                }
            });
        }
        c.withEnv(env);
        c.addNewEnvFrom().withNewSecretRef(PodPlan.secretName(podName, name), false).endEnvFrom();
        if (definition.workingDir() != null) {
            c.withWorkingDir(definition.workingDir());
        }
        c.withPorts(ports(definition));
        c.withResources(resources(definition));
        c.withVolumeMounts(mounts);
        SecurityContext security = security(definition, notes, service);
        if (security != null) {
            c.withSecurityContext(security);
        }
        if (Boolean.TRUE.equals(definition.tty())) {
            c.withTty(true);
        }
        if (Boolean.TRUE.equals(definition.stdinOpen())) {
            c.withStdin(true);
        }
        Optional<Probe> probe = probe(definition.healthcheck());
        probe.ifPresent(c::withReadinessProbe);
        if (role == Role.SIDECAR) {
            c.withRestartPolicy("Always");
            probe.ifPresent(p -> c.withStartupProbe(new ProbeBuilder(p).withInitialDelaySeconds(null)
                    .withFailureThreshold(startupFailures(definition.healthcheck())).build()));
        }
        if (definition.ulimits() != null && !definition.ulimits().isEmpty()) {
            notes.add("Container '" + service + "': ulimits are not set on Kubernetes (the node's limits apply).");
        }
        if (definition.devices() != null && !definition.devices().isEmpty()) {
            notes.add("Container '" + service + "': devices are not mapped on Kubernetes.");
        }
        return c.build();
    }

    private static String pullPolicy(String compose) {
        if (compose == null) {
            return "IfNotPresent";
        }
        return switch (compose) {
            case "always" -> "Always";
            case "never" -> "Never";
            default -> "IfNotPresent";
        };
    }

    private static List<ContainerPort> ports(ComposeService definition) {
        List<ContainerPort> ports = new ArrayList<>();
        if (definition.ports() == null) {
            return ports;
        }
        boolean host = "host".equals(definition.networkMode());
        for (ComposeService.Port port : definition.ports()) {
            ContainerPort p = new ContainerPort();
            p.setContainerPort(Integer.parseInt(port.target()));
            p.setProtocol(port.protocol() == null ? "TCP" : port.protocol().toUpperCase(Locale.ROOT));
            if (!host && port.published() != null && !port.published().isEmpty()) {
                p.setHostPort(Integer.parseInt(port.published()));
            }
            ports.add(p);
        }
        return ports;
    }

    private static ResourceRequirements resources(ComposeService definition) {
        Map<String, Quantity> limits = new TreeMap<>();
        Map<String, Quantity> requests = new TreeMap<>();
        if (definition.cpus() != null && definition.cpus() > 0) {
            limits.put("cpu", new Quantity(Math.round(definition.cpus() * 1000) + "m"));
        }
        if (definition.cpuShares() != null && definition.cpuShares() > 0) {
            requests.put("cpu", new Quantity(Math.max(1, Math.round(definition.cpuShares() * 1000.0 / 1024)) + "m"));
        }
        mebibytes(definition.memLimit()).ifPresent(m -> limits.put("memory", new Quantity(m + "Mi")));
        mebibytes(definition.memReservation()).ifPresent(m -> requests.put("memory", new Quantity(m + "Mi")));
        ResourceRequirements resources = new ResourceRequirements();
        if (!limits.isEmpty()) {
            resources.setLimits(limits);
        }
        if (!requests.isEmpty()) {
            resources.setRequests(requests);
        }
        return resources;
    }

    /** A compose size ({@code 512m}, {@code 1g}, {@code 1048576}) in MiB, rounded up. */
    static Optional<Long> mebibytes(String size) {
        if (size == null || size.isBlank()) {
            return Optional.empty();
        }
        String text = size.trim().toLowerCase(Locale.ROOT).replaceAll("b$", "");
        char unit = text.charAt(text.length() - 1);
        long factor = switch (unit) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = (long) (Double.parseDouble(Character.isDigit(unit) ? text : text.substring(0, text.length() - 1))
                * factor);
        return Optional.of((bytes + 1024 * 1024 - 1) / (1024 * 1024));
    }

    private static SecurityContext security(ComposeService definition, List<String> notes, String service) {
        SecurityContext security = new SecurityContext();
        boolean any = false;
        if (Boolean.TRUE.equals(definition.privileged())) {
            security.setPrivileged(true);
            any = true;
        }
        if (Boolean.TRUE.equals(definition.readOnly())) {
            security.setReadOnlyRootFilesystem(true);
            any = true;
        }
        boolean adds = definition.capAdd() != null && !definition.capAdd().isEmpty();
        boolean drops = definition.capDrop() != null && !definition.capDrop().isEmpty();
        if (adds || drops) {
            security.setCapabilities(new Capabilities(adds ? definition.capAdd() : null,
                    drops ? definition.capDrop() : null));
            any = true;
        }
        if (definition.user() != null && !definition.user().isBlank()) {
            String[] parts = definition.user().split(":");
            if (parts[0].chars().allMatch(Character::isDigit)) {
                security.setRunAsUser(Long.parseLong(parts[0]));
                if (parts.length > 1 && parts[1].chars().allMatch(Character::isDigit)) {
                    security.setRunAsGroup(Long.parseLong(parts[1]));
                }
                any = true;
            } else {
                notes.add("Container '" + service + "': user '" + definition.user() + "' is not numeric; Kubernetes "
                        + "runs the image's user.");
            }
        }
        return any ? security : null;
    }

    private static PodSecurityContext podSecurity(Iterable<ComposeService> services) {
        Map<String, String> sysctls = new TreeMap<>();
        services.forEach(s -> {
            if (s.sysctls() != null) {
                sysctls.putAll(s.sysctls());
            }
        });
        if (sysctls.isEmpty()) {
            return null;
        }
        PodSecurityContext security = new PodSecurityContext();
        security.setSysctls(sysctls.entrySet().stream().map(e -> new Sysctl(e.getKey(), e.getValue())).toList());
        return security;
    }

    private static Optional<PodDNSConfig> dns(Iterable<ComposeService> services) {
        Set<String> servers = new LinkedHashSet<>();
        Set<String> searches = new LinkedHashSet<>();
        services.forEach(s -> {
            if (s.dns() != null) {
                servers.addAll(s.dns());
            }
            if (s.dnsSearch() != null) {
                searches.addAll(s.dnsSearch());
            }
        });
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        PodDNSConfig config = new PodDNSConfig();
        config.setNameservers(new ArrayList<>(servers));
        if (!searches.isEmpty()) {
            config.setSearches(new ArrayList<>(searches));
        }
        return Optional.of(config);
    }

    private static List<HostAlias> hostAliases(Iterable<ComposeService> services) {
        Map<String, List<String>> byAddress = new TreeMap<>();
        services.forEach(s -> {
            if (s.extraHosts() != null) {
                for (String entry : s.extraHosts()) {
                    int colon = entry.indexOf(':');
                    String host = entry.substring(0, colon);
                    String address = entry.substring(colon + 1);
                    List<String> names = byAddress.computeIfAbsent(address, a -> new ArrayList<>());
                    if (!names.contains(host)) {
                        names.add(host);
                    }
                }
            }
        });
        return byAddress.entrySet().stream().map(e -> new HostAlias(e.getValue(), e.getKey())).toList();
    }

    /** The health check as an exec probe; none for {@code NONE} or a disabled check. */
    static Optional<Probe> probe(ComposeService.Healthcheck check) {
        if (check == null || Boolean.TRUE.equals(check.disable()) || check.test() == null || check.test().isEmpty()
                || check.test().get(0).equals("NONE")) {
            return Optional.empty();
        }
        List<String> test = check.test();
        List<String> command = switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> List.of("/bin/sh", "-c", String.join(" ", test));
        };
        ProbeBuilder probe = new ProbeBuilder().withNewExec().withCommand(command).endExec()
                .withPeriodSeconds(seconds(check.interval(), 30))
                .withTimeoutSeconds(seconds(check.timeout(), 5))
                .withFailureThreshold(check.retries() == null ? 3 : check.retries())
                .withSuccessThreshold(1);
        if (check.startPeriod() != null) {
            probe.withInitialDelaySeconds(seconds(check.startPeriod(), 0));
        }
        return Optional.of(probe.build());
    }

    /** A sidecar's startup probe tries through its start period and its retries. */
    private static int startupFailures(ComposeService.Healthcheck check) {
        int interval = Math.max(1, seconds(check.interval(), 30));
        int retries = check.retries() == null ? 3 : check.retries();
        return retries + (seconds(check.startPeriod(), 0) + interval - 1) / interval;
    }

    private static int seconds(String duration, int otherwise) {
        if (duration == null || duration.isBlank()) {
            return otherwise;
        }
        return (int) Math.max(1, Duration.parse("PT" + duration.toUpperCase(Locale.ROOT)).toSeconds());
    }

    static long stopTimeout(ComposeService definition) {
        return definition.stopGracePeriod() == null ? 30
                : Duration.parse("PT" + definition.stopGracePeriod().toUpperCase(Locale.ROOT)).toSeconds();
    }

    private Container natContainer(String address) {
        return new ContainerBuilder().withName(NAT_CONTAINER).withImage(settings.natImage())
                .withImagePullPolicy("IfNotPresent")
                .withCommand("iptables", "-t", "nat", "-A", "OUTPUT", "-d", ENDPOINT_ADDRESS + "/32", "-p", "tcp",
                        "--dport", "80", "-j", "DNAT", "--to-destination", address)
                .withNewSecurityContext().withNewCapabilities().withAdd("NET_ADMIN").endCapabilities()
                .endSecurityContext()
                .build();
    }

    private Map<String, String> labels(Map<String, String> composeLabels, String taskArn,
                                       Map<String, String> placementLabels) {
        Map<String, String> labels = new TreeMap<>(settings.labels());
        labels.putAll(placementLabels);
        labels.put(KubeNames.MANAGED_BY, KubeNames.MANAGER);
        labels.put(KubeNames.TASK_ID, KubeNames.labelValue(KubeNames.taskId(taskArn)));
        Optional.ofNullable(composeLabels.get(EcsLabels.CLUSTER))
                .ifPresent(c -> labels.put(KubeNames.CLUSTER, KubeNames.labelValue(c)));
        Optional.ofNullable(composeLabels.get(EcsLabels.FAMILY))
                .ifPresent(f -> labels.put(KubeNames.FAMILY, KubeNames.labelValue(f)));
        Optional.ofNullable(composeLabels.get(EcsLabels.REVISION))
                .ifPresent(r -> labels.put(KubeNames.REVISION, KubeNames.labelValue(r)));
        return labels;
    }

    private static Map<String, String> annotations(ComposedTask compose, String taskArn, Map<String, String> names,
                                                   Map<String, ComposeService> services, List<String> pause) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(KubeNames.TASK_ARN, taskArn);
        annotations.put(KubeNames.PROJECT, compose.project());
        names.forEach((ecs, kube) -> annotations.put(KubeNames.CONTAINER + kube, ecs));
        List<String> essential = new ArrayList<>();
        services.forEach((name, definition) -> {
            if (definition.labels() == null || !"false".equals(definition.labels().get(EcsLabels.ESSENTIAL))) {
                essential.add(name);
            }
        });
        annotations.put(KubeNames.ESSENTIAL, String.join(",", essential));
        pause.stream().findFirst().ifPresent(name -> annotations.put(KubeNames.PAUSE, name));
        return annotations;
    }
}
