package dev.localecs.engine.kubernetes;

import dev.localecs.api.ExecResult;
import dev.localecs.api.OutputLine;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.tasks.ContainerFacts;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import dev.localecs.runtime.tasks.InteractiveExec;
import dev.localecs.runtime.tasks.LaunchException;
import dev.localecs.runtime.tasks.TaskEngine;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code tasks.engine: kubernetes}: a task is one Pod in the namespace of its ECS cluster (see
 * {@link PodSpecBuilder}), container ids are {@code namespace/pod/container} (the Pod itself, {@code namespace/pod},
 * stands for the awsvpc pause container). The Pod is created when the task's first container starts; each
 * container runs once the lifecycle starts it (its Secret then exists). A Pod informer turns container statuses
 * into the lifecycle's events; a stop deletes the Pod with the container's stop timeout as grace period.
 */
public final class KubernetesTaskEngine implements TaskEngine {
    private static final Logger LOG = Logger.getLogger(KubernetesTaskEngine.class.getName());
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    /** How long the API server's version is taken as known (it changes only with an upgrade of the cluster). */
    private static final Duration VERSION_KNOWN_FOR = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final PodSpecBuilder builder;
    private final Clock clock;
    private volatile KnownVersion knownVersion;
    private final ClusterNodes clusterNodes;
    private final Map<String, TaskPod> tasks = new ConcurrentHashMap<>();
    /** The last version of every Pod seen, kept after its deletion until the task is removed. */
    private final Map<String, Pod> lastSeen = new ConcurrentHashMap<>();
    private final PodEvents podEvents = new PodEvents();
    private final Object changed = new Object();
    private volatile EventListener listener;
    private volatile SharedIndexInformer<Pod> informer;

    /**
     * Creates the engine.
     *
     * @param client the Kubernetes client (closed with the engine)
     * @param settings the settings
     * @param clock the clock
     */
    public KubernetesTaskEngine(KubernetesClient client, KubernetesSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.builder = new PodSpecBuilder(settings);
        this.clock = clock;
        this.clusterNodes = new ClusterNodes(client);
    }

    /** One task's Pod as the engine knows it. */
    private static final class TaskPod {
        final String namespace;
        final String podName;
        final PodPlan plan;
        final Map<String, Map<String, String>> values = new ConcurrentHashMap<>();
        boolean created;

        TaskPod(String namespace, String podName, PodPlan plan) {
            this.namespace = namespace;
            this.podName = podName;
            this.plan = plan;
        }
    }

    /** A container id's parts. */
    private record Id(String namespace, String pod, Optional<String> container) {
        static Id parse(String id) {
            String[] parts = id.split("/");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalStateException("No such container: " + id);
            }
            return new Id(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
        }

        String key() {
            return namespace + "/" + pod;
        }
    }

    // ---- launch ---------------------------------------------------------------------------------------------

    /** Makes the task's namespace and claims; images are pulled by the kubelet when the Pod runs. */
    @Override
    public void prepare(ComposedTask compose, Map<String, RegistryLogin> logins) {
        TaskPod task = task(compose);
        try {
            ensureNamespace(task.namespace);
            for (PersistentVolumeClaim claim : task.plan.claims()) {
                if (client.persistentVolumeClaims().inNamespace(task.namespace)
                        .withName(claim.getMetadata().getName()).get() == null) {
                    client.persistentVolumeClaims().inNamespace(task.namespace).resource(claim).create();
                }
            }
        } catch (KubernetesClientException e) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, null, "Kubernetes refused the task's namespace "
                    + "or volumes: " + e.getMessage(), e);
        }
    }

    @Override
    public void ensureTaskNetwork() {
        // every Pod has its own network namespace on the cluster network
    }

    @Override
    public void attach(String containerId, String network, Optional<String> address) {
        // the runtime is reached through its Service (tasks.kubernetes.endpoint-service), not a task network
    }

    @Override
    public String create(ComposedTask compose, String service, Map<String, String> created,
                         Map<String, String> secrets) {
        TaskPod task = task(compose);
        if (service.equals(task.plan.pod().getMetadata().getAnnotations().get(KubeNames.PAUSE))) {
            return task.namespace + "/" + task.podName;
        }
        String container = task.plan.containers().get(service);
        if (container == null) {
            throw new LaunchException(LaunchException.Kind.START, service, "the task has no container " + service,
                    null);
        }
        task.values.put(container, Map.copyOf(secrets));
        return task.namespace + "/" + task.podName + "/" + container;
    }

    private TaskPod task(ComposedTask compose) {
        return tasks.computeIfAbsent(compose.project(), project -> {
            ComposeService any = compose.effective().services().values().iterator().next();
            String cluster = any.labels() == null ? "default"
                    : any.labels().getOrDefault(EcsLabels.CLUSTER, "default");
            PodPlan plan = builder.build(compose, endpoint());
            plan.notes().forEach(note -> LOG.info("Task " + project + ": " + note));
            return new TaskPod(settings.namespaceOf(cluster), plan.pod().getMetadata().getName(), plan);
        });
    }

    /** The endpoint Service's cluster address and port, if forwarding is configured. */
    private Optional<String> endpoint() {
        return settings.endpointService().map(value -> {
            String[] parts = KubernetesSettings.endpointParts(value);
            Service service = client.services().inNamespace(parts[0]).withName(parts[1]).get();
            if (service == null || service.getSpec().getClusterIP() == null
                    || service.getSpec().getClusterIP().equals("None")) {
                throw new LaunchException(LaunchException.Kind.RESOURCE, null, "the endpoint Service " + value
                        + " (tasks.kubernetes.endpoint-service) does not exist or has no cluster address", null);
            }
            return service.getSpec().getClusterIP() + ":" + parts[2];
        });
    }

    /**
     * Starts a container: the Pod is created with the task's first start; the container's Secret lets the kubelet
     * run it. Returns once it runs (or has already ended); an image that cannot be pulled, or a container the
     * kubelet cannot make, fails the start with ECS's reason.
     */
    @Override
    public String start(String containerId) {
        Id id = Id.parse(containerId);
        TaskPod task = tasks.values().stream().filter(t -> t.namespace.equals(id.namespace())
                && t.podName.equals(id.pod())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No such container: " + containerId));
        Pod pod = ensurePod(task);
        if (id.container().isEmpty()) {
            awaitAddress(id, containerId);
            return containerId;
        }
        String container = id.container().get();
        Secret secret = new SecretBuilder().withNewMetadata()
                .withName(PodPlan.secretName(task.podName, container))
                .withLabels(Map.of(KubeNames.MANAGED_BY, KubeNames.MANAGER,
                        KubeNames.TASK_ID, pod.getMetadata().getLabels().get(KubeNames.TASK_ID)))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(task.podName).withUid(pod.getMetadata().getUid()).build())
                .endMetadata().withType("Opaque")
                .withStringData(new LinkedHashMap<>(task.values.getOrDefault(container, Map.of()))).build();
        try {
            client.secrets().inNamespace(task.namespace).resource(secret).createOr(existing -> existing.update());
        } catch (KubernetesClientException e) {
            throw new LaunchException(LaunchException.Kind.START, null, "Kubernetes refused the container's Secret: "
                    + e.getStatus().getMessage(), e);
        }
        awaitStart(id, container, containerId);
        return containerId;
    }

    private Pod ensurePod(TaskPod task) {
        synchronized (task) {
            if (!task.created) {
                try {
                    client.pods().inNamespace(task.namespace).resource(task.plan.pod()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw new LaunchException(LaunchException.Kind.START, null, "Kubernetes refused the task's "
                                + "Pod: " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()), e);
                    }
                }
                task.created = true;
            }
        }
        Pod pod = client.pods().inNamespace(task.namespace).withName(task.podName).get();
        if (pod == null) {
            throw new LaunchException(LaunchException.Kind.START, null, "the task's Pod " + task.podName
                    + " was deleted", null);
        }
        return pod;
    }

    private void ensureNamespace(String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            Namespace made = new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(Map.of(KubeNames.MANAGED_BY, KubeNames.MANAGER)).endMetadata().build();
            try {
                client.namespaces().resource(made).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /** The pause stands for the Pod: it "runs" once the Pod has its address (it was scheduled). */
    private void awaitAddress(Id id, String containerId) {
        Pod pod = await(id, p -> p.getStatus() != null && p.getStatus().getPodIP() != null);
        if (pod == null) {
            Pod now = current(id).orElse(null);
            String why = now == null || now.getStatus() == null || now.getStatus().getConditions() == null ? ""
                    : now.getStatus().getConditions().stream().filter(c -> "False".equals(c.getStatus())
                    && c.getMessage() != null).map(c -> ": " + c.getMessage()).findFirst().orElse("");
            throw new LaunchException(LaunchException.Kind.START, null, "the Pod " + containerId + " was not "
                    + "scheduled within " + settings.startTimeout().toSeconds() + " seconds" + why, null);
        }
    }

    private void awaitStart(Id id, String container, String containerId) {
        Pod pod = await(id, p -> PodStatuses.status(p, container).map(s -> PodStatuses.running(s)
                || PodStatuses.terminated(s).isPresent() || PodStatuses.waiting(s).map(w ->
                PodStatuses.PULL_FAILURES.contains(w.getReason())
                        || PodStatuses.START_FAILURES.contains(w.getReason())).orElse(false)).orElse(false)
                || PodStatuses.finished(p));
        Optional<ContainerStatus> status = pod == null ? Optional.empty() : PodStatuses.status(pod, container);
        Optional<String> reason = status.flatMap(PodStatuses::waiting).map(w -> w.getReason());
        String message = status.flatMap(PodStatuses::waiting).map(w -> w.getMessage()).orElse("");
        if (reason.isPresent() && PodStatuses.PULL_FAILURES.contains(reason.get())) {
            throw new LaunchException(LaunchException.Kind.PULL, null, reason.get() + ": "
                    + (message.isEmpty() ? "the image of " + container + " cannot be pulled" : message), null);
        }
        if (reason.isPresent() && PodStatuses.START_FAILURES.contains(reason.get())) {
            throw new LaunchException(LaunchException.Kind.START, null, reason.get() + ": " + message, null);
        }
        if (pod == null) {
            Optional<String> waiting = current(id).flatMap(p -> PodStatuses.status(p, container))
                    .flatMap(PodStatuses::waiting).map(w -> " (waiting: " + w.getReason() + ")");
            throw new LaunchException(LaunchException.Kind.START, null, "the kubelet did not start " + containerId
                    + " within " + settings.startTimeout().toSeconds() + " seconds" + waiting.orElse(""), null);
        }
    }

    /** Waits (bounded by the start timeout) for the Pod to satisfy a condition, woken by the informer. */
    private Pod await(Id id, java.util.function.Predicate<Pod> condition) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        synchronized (changed) {
            while (true) {
                Optional<Pod> pod = current(id);
                if (pod.isPresent() && condition.test(pod.get())) {
                    return pod.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    // the informer wakes this; the bound only guards a watch that has not started yet
                    changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException(LaunchException.Kind.START, null, "the launch was interrupted", e);
                }
            }
        }
    }

    /** The Pod's newest version: the informer's, or the last one seen (it may have been deleted since). */
    private Optional<Pod> current(Id id) {
        SharedIndexInformer<Pod> watching = informer;
        Pod pod = watching == null ? null : watching.getStore().getByKey(id.key());
        if (pod == null && watching == null) {
            pod = client.pods().inNamespace(id.namespace()).withName(id.pod()).get();
        }
        return Optional.ofNullable(pod != null ? pod : lastSeen.get(id.key()));
    }

    // ---- observing --------------------------------------------------------------------------------------------

    @Override
    public Observation observe(String containerId, String taskNetwork) {
        Id id = Id.parse(containerId);
        Pod pod = current(id).orElseThrow(() -> new IllegalStateException("No such container: " + containerId));
        if (id.container().isEmpty()) {
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            boolean gone = !lastSeen.containsKey(id.key()) || PodStatuses.finished(pod)
                    || pod.getMetadata().getDeletionTimestamp() != null;
            return new Observation(containerId, !gone, Optional.empty(), false, Optional.empty(), Optional.empty(),
                    List.of(), Optional.ofNullable(ip), Optional.empty());
        }
        return PodStatuses.observe(containerId, pod, id.container().get());
    }

    /**
     * A container as its Pod's status, as last seen by the informer, reports it; the zone is its node's.
     */
    @Override
    public Optional<ContainerFacts> facts(String containerId) {
        Id id = Id.parse(containerId);
        Pod pod = lastSeen.get(id.key());
        if (pod == null) {
            return Optional.empty();
        }
        Optional<String> zone = Optional.ofNullable(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .flatMap(clusterNodes::zoneOf);
        return Optional.of(PodStatuses.facts(pod, id.container(), zone));
    }

    @Override
    public Map<String, Observation> containers(String taskArn) {
        Map<String, Observation> found = new LinkedHashMap<>();
        List<Pod> pods = client.pods().inAnyNamespace()
                .withLabel(KubeNames.TASK_ID, KubeNames.labelValue(KubeNames.taskId(taskArn))).list().getItems();
        for (Pod pod : pods) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations();
            if (annotations == null || !taskArn.equals(annotations.get(KubeNames.TASK_ARN))) {
                continue;
            }
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            lastSeen.put(key, pod);
            String pause = annotations.get(KubeNames.PAUSE);
            if (pause != null) {
                found.put(pause, observe(key, ""));
            }
            annotations.forEach((name, ecsName) -> {
                if (name.startsWith(KubeNames.CONTAINER) && PodStatuses.status(pod, name.substring(
                        KubeNames.CONTAINER.length())).isPresent()) {
                    String id = key + "/" + name.substring(KubeNames.CONTAINER.length());
                    found.put(ecsName, PodStatuses.observe(id, pod, name.substring(KubeNames.CONTAINER.length())));
                }
            });
        }
        return found;
    }

    @Override
    public void events(EventListener listener) {
        this.listener = listener;
        SharedIndexInformer<Pod> watching = (settings.namespace().isPresent()
                ? client.pods().inNamespace(settings.namespace().get()) : client.pods().inAnyNamespace())
                .withLabel(KubeNames.MANAGED_BY, KubeNames.MANAGER).runnableInformer(0)
                // a watch refused at the start (API server away, no RBAC yet) keeps trying, as ClusterNodes' does:
                // fabric8 stops an informer whose first list fails unless told to retry
                .exceptionHandler((running, e) -> !ExceptionHandler.isDeserializationException(e));
        boolean[] synced = {false};
        watching.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod, synced[0]);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                seen(pod, true);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                seen(pod, !finalStateUnknown);
            }
        });
        informer = watching;
        try {
            watching.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | KubernetesClientException e) {
            LOG.warning("The Pod watch has not synced yet (it keeps trying): " + e.getMessage());
        }
        synced[0] = true;
    }

    /** One Pod version from the watch: remembered, turned into events, and waiters woken. */
    private void seen(Pod pod, boolean announce) {
        lastSeen.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
        List<PodEvents.Event> events = podEvents.changes(pod);
        EventListener target = listener;
        if (announce && target != null) {
            for (PodEvents.Event event : events) {
                try {
                    target.onEvent(event.taskArn(), event.container(), event.action(), event.exitCode());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Handling " + event.action() + " of " + event.container() + " failed", e);
                }
            }
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    // ---- stopping ---------------------------------------------------------------------------------------------

    /**
     * Kubernetes stops a Pod, not a container: the first stop deletes the Pod with this container's stop timeout
     * as its grace period (the kubelet sends each container its stop signal, then SIGKILL), then waits for this
     * container to end.
     */
    @Override
    public void stop(String containerId, int timeoutSeconds) {
        Id id = Id.parse(containerId);
        Optional<Pod> before = current(id);
        if (before.isEmpty()) {
            return;
        }
        try {
            client.pods().inNamespace(id.namespace()).withName(id.pod())
                    .withGracePeriod(Math.max(0, timeoutSeconds)).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds + 30L).toNanos();
        synchronized (changed) {
            while (System.nanoTime() < deadline) {
                Optional<Pod> pod = current(id);
                boolean deleted = informer != null && informer.getStore().getByKey(id.key()) == null;
                boolean ended = pod.isEmpty() || id.container().map(c -> PodStatuses.status(pod.get(), c)
                        .map(s -> !PodStatuses.running(s)).orElse(true)).orElse(deleted);
                if (ended || deleted) {
                    return;
                }
                try {
                    changed.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Deletes the task's Pod (at once) and Secrets; shared claims stay, as EFS file systems do. */
    @Override
    public void remove(String project) {
        TaskPod task = tasks.remove(project);
        String podName = task != null ? task.podName : KubeNames.label(project);
        List<Pod> pods = client.pods().inAnyNamespace().withLabel(KubeNames.MANAGED_BY, KubeNames.MANAGER).list()
                .getItems().stream().filter(p -> p.getMetadata().getName().equals(podName)
                        && p.getMetadata().getAnnotations() != null
                        && project.equals(p.getMetadata().getAnnotations().get(KubeNames.PROJECT))).toList();
        for (Pod pod : pods) {
            String namespace = pod.getMetadata().getNamespace();
            client.pods().inNamespace(namespace).withName(podName).withGracePeriod(0).delete();
            client.secrets().inNamespace(namespace).withLabel(KubeNames.TASK_ID,
                    pod.getMetadata().getLabels().get(KubeNames.TASK_ID)).delete();
        }
        lastSeen.keySet().removeIf(key -> key.endsWith("/" + podName));
        if (task != null) {
            podEvents.forget(task.namespace, podName);
        }
    }

    // ---- commands, output, stats, host --------------------------------------------------------------------------

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        Id id = Id.parse(containerId);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(id.namespace()).withName(id.pod())
                .inContainer(id.container().orElseThrow()).writingOutput(output).writingError(output)
                .exec(command.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(60, TimeUnit.SECONDS);
            return new ExecResult(code == null ? -1 : code, output.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a command in " + containerId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the command in " + containerId + " did not end: " + e.getMessage(), e);
        }
    }

    @Override
    public InteractiveExec execInteractive(String containerId, List<String> command, InteractiveExec.Output output) {
        Id id = Id.parse(containerId);
        ExecWatch watch = client.pods().inNamespace(id.namespace()).withName(id.pod())
                .inContainer(id.container().orElseThrow()).redirectingInput().redirectingOutput().withTTY()
                .exec(command.toArray(String[]::new));
        Thread.ofVirtual().name("k8s-exec-" + id.pod()).start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = watch.getOutput()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    output.write(java.util.Arrays.copyOf(buffer, n));
                }
            } catch (IOException e) {
                LOG.fine("exec output ended: " + e.getMessage());
            }
            Integer code = watch.exitCode().getNow(null);
            output.ended(Optional.ofNullable(code));
        });
        return new InteractiveExec() {
            @Override
            public void write(byte[] input) {
                try {
                    OutputStream in = watch.getInput();
                    in.write(input);
                    in.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("the command's input is closed", e);
                }
            }

            @Override
            public void resize(int columns, int rows) {
                watch.resize(columns, rows);
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    /**
     * Follows a container's log (the kubelet's timestamps; Kubernetes does not separate standard error) until the
     * container has stopped.
     */
    @Override
    public void follow(String containerId, OutputReceiver receiver) throws InterruptedException {
        Id id = Id.parse(containerId);
        String container = id.container().orElseThrow();
        try (LogWatch log = client.pods().inNamespace(id.namespace()).withName(id.pod()).inContainer(container)
                .usingTimestamps().watchLog();
             BufferedReader lines = new BufferedReader(new InputStreamReader(log.getOutput(),
                     StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int space = line.indexOf(' ');
                Instant at;
                String text;
                try {
                    at = Instant.parse(line.substring(0, Math.max(0, space)));
                    text = line.substring(space + 1);
                } catch (DateTimeParseException e) {
                    at = clock.instant();
                    text = line;
                }
                receiver.line(new OutputLine(at, OutputLine.Source.STDOUT, text));
            }
        } catch (IOException e) {
            LOG.fine("log of " + containerId + " ended: " + e.getMessage());
        }
    }

    /** The container's use as the metrics API reports it (metrics-server), in the shape of Docker's stats. */
    @Override
    public Map<String, Object> stats(String containerId) {
        Id id = Id.parse(containerId);
        var metrics = client.top().pods().metrics(id.namespace(), id.pod());
        var usage = metrics.getContainers().stream().filter(c -> c.getName().equals(id.container().orElse("")))
                .findFirst().orElseThrow(() -> new IllegalStateException("No metrics for " + containerId)).getUsage();
        long memory = usage.get("memory") == null ? 0 : usage.get("memory").getNumericalAmount().longValue();
        long cpuNanos = usage.get("cpu") == null ? 0
                : usage.get("cpu").getNumericalAmount().movePointRight(9).longValue();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("read", clock.instant().toString());
        stats.put("name", "/" + id.pod() + "-" + id.container().orElse(""));
        stats.put("id", containerId);
        stats.put("cpu_stats", Map.of("cpu_usage", Map.of("total_usage", cpuNanos)));
        stats.put("memory_stats", Map.of("usage", memory));
        return stats;
    }

    /** The cluster as one host: its schedulable nodes' allocatable CPUs and memory together. */
    @Override
    public EngineHost host() {
        List<EngineNode> nodes = nodes();
        int cpus = (int) (nodes.stream().mapToLong(EngineNode::cpuUnits).sum() / 1024);
        long memory = nodes.stream().mapToLong(EngineNode::memoryMib).sum();
        String version = version();
        String architecture = nodes.stream().map(n -> n.attributes().get(ClusterNodes.ARCHITECTURE))
                .filter(java.util.Objects::nonNull).findFirst().orElse("x86_64");
        return new EngineHost("kubernetes:" + client.getMasterUrl().getHost(), cpus, memory, version, "1.44",
                "linux", architecture, List.of("json-file"));
    }

    /**
     * The API server's version ({@code versionInfo.dockerVersion} of the engine's host), asked again once it has
     * been known for {@link #VERSION_KNOWN_FOR}: the host is read at every placement and container-instance read.
     */
    private String version() {
        KnownVersion known = knownVersion;
        Instant now = clock.instant();
        if (known == null || now.isAfter(known.at().plus(VERSION_KNOWN_FOR))) {
            var info = client.getKubernetesVersion();
            String version = info == null ? "unknown" : info.getGitVersion() != null ? info.getGitVersion()
                    : info.getMajor() != null ? "v" + info.getMajor() + "." + info.getMinor() : "unknown";
            known = new KnownVersion(version, now);
            knownVersion = known;
        }
        return known.version();
    }

    /** The API server's version and when it was asked. */
    private record KnownVersion(String version, Instant at) {
    }

    /** The cluster's schedulable nodes from a node informer's cache (see {@link ClusterNodes}). */
    @Override
    public List<EngineNode> nodes() {
        return clusterNodes.nodes();
    }

    @Override
    public void close() {
        SharedIndexInformer<Pod> watching = informer;
        if (watching != null) {
            watching.close();
        }
        clusterNodes.close();
        client.close();
    }
}
