package dev.localecs.engine.kubernetes;

import dev.localecs.runtime.simulated.SimulationScript;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Plays the kubelet against the mock API server: schedules each new Pod (address, finalizer), runs its init
 * containers one after the other (a native sidecar counts once started, or once ready when it has a startup
 * probe), then its containers together; a container starts only once its Secret ({@code envFrom}) exists, as a
 * real kubelet cannot make it before. What a container does comes from its {@code LOCAL_ECS_SIMULATE} variable
 * ({@link SimulationScript}: {@code exit:N@t}, {@code oom@t}, {@code healthy@t}, {@code unhealthy@t},
 * {@code pull-fail}, {@code start-fail}, {@code ignore-sigterm}). A deleted Pod's running containers end with 0
 * (or 137 after the grace period when they ignore SIGTERM) before the fixture lets the deletion finish.
 */
final class KubeletFixture implements AutoCloseable {
    static final String FINALIZER = "kubelet.fixture.local-ecs-api.dev/running";
    private static final long TICK_MILLIS = 20;

    private final KubernetesClient client;
    private final Watch watch;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextAddress = new AtomicInteger(10);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    KubeletFixture(KubernetesClient client) {
        this.client = client;
        this.watch = client.pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && scheduled.add(key(pod))) {
                    start(() -> run(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the test ends
            }
        });
    }

    private synchronized void start(Runnable work) {
        if (!closed) {
            threads.add(Thread.ofVirtual().name("kubelet").start(work));
        }
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /**
     * The node the scheduler binds a Pod to: the one its required node affinity names on {@code metadata.name},
     * else the first node registered (none when the cluster has none).
     */
    private String node(Pod pod) {
        return Optional.ofNullable(pod.getSpec().getAffinity()).map(a -> a.getNodeAffinity())
                .map(a -> a.getRequiredDuringSchedulingIgnoredDuringExecution())
                .flatMap(selector -> selector.getNodeSelectorTerms().stream()
                        .flatMap(term -> term.getMatchFields().stream())
                        .filter(field -> field.getKey().equals("metadata.name")).findFirst())
                .map(field -> field.getValues().get(0))
                .orElseGet(() -> client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                        .sorted().findFirst().orElse(null));
    }

    /** The id the container runtime gives a container: {@code containerd://} and 64 hex characters. */
    static String containerId(String pod, String container) {
        return "containerd://" + String.format("%064x", new java.math.BigInteger(1,
                (pod + "/" + container).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .mod(java.math.BigInteger.TWO.pow(256)));
    }

    /** The Pod's life on this node. */
    private void run(String namespace, String name) {
        String ip = "10.244.0." + nextAddress.getAndIncrement();
        client.pods().inNamespace(namespace).withName(name).edit(p -> new PodBuilder(p).editMetadata()
                .addToFinalizers(FINALIZER).endMetadata().editSpec().withNodeName(node(p)).endSpec().build());
        Pod pod = status(namespace, name, s -> {
            s.setPhase("Pending");
            s.setPodIP(ip);
            s.setHostIP("192.0.2.10");
            List<ContainerStatus> init = new ArrayList<>();
            List<ContainerStatus> main = new ArrayList<>();
            Pod now = client.pods().inNamespace(namespace).withName(name).get();
            now.getSpec().getInitContainers().forEach(c -> init.add(waiting(c, "PodInitializing")));
            now.getSpec().getContainers().forEach(c -> main.add(waiting(c, "PodInitializing")));
            s.setInitContainerStatuses(init);
            s.setContainerStatuses(main);
        });
        Thread deletion = Thread.ofVirtual().start(() -> awaitDeletion(namespace, name));
        for (Container c : pod.getSpec().getInitContainers()) {
            CountDownLatch ready = new CountDownLatch(1);
            int[] exit = {-1};
            boolean sidecar = "Always".equals(c.getRestartPolicy());
            Thread container = Thread.ofVirtual().start(() -> exit[0] = runContainer(namespace, name, c,
                    sidecar ? ready : null));
            try {
                if (sidecar) {
                    while (!ready.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                        if (gone(namespace, name) || !container.isAlive()) {
                            return;
                        }
                    }
                } else {
                    container.join();
                    if (exit[0] != 0) {
                        status(namespace, name, s -> s.setPhase("Failed"));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
        status(namespace, name, s -> s.setPhase("Running"));
        List<Thread> mains = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            mains.add(Thread.ofVirtual().start(() -> runContainer(namespace, name, c, null)));
        }
        try {
            for (Thread t : mains) {
                t.join();
            }
            deletion.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One container: waits for its Secret, pulls, runs its script; returns its exit code (-1: never ran). */
    private int runContainer(String namespace, String pod, Container c, CountDownLatch startedOrReady) {
        SimulationScript script = script(c);
        Optional<String> secret = c.getEnvFrom() == null ? Optional.empty() : c.getEnvFrom().stream()
                .map(EnvFromSource::getSecretRef).filter(r -> r != null).map(r -> r.getName()).findFirst();
        boolean reported = false;
        while (secret.isPresent() && client.secrets().inNamespace(namespace).withName(secret.get()).get() == null) {
            if (!reported) {
                update(namespace, pod, c.getName(), s -> waitingState(s, "CreateContainerConfigError",
                        "secret \"" + secret.get() + "\" not found"));
                reported = true;
            }
            if (!sleep(TICK_MILLIS) || gone(namespace, pod)) {
                return -1;
            }
        }
        if (script.pullFails()) {
            update(namespace, pod, c.getName(), s -> waitingState(s, "ErrImagePull", "failed to pull and unpack image \""
                    + c.getImage() + "\": pull access denied, repository does not exist or may require authorization"));
            sleep(100);
            update(namespace, pod, c.getName(), s -> waitingState(s, "ImagePullBackOff", "Back-off pulling image \""
                    + c.getImage() + "\""));
            return -1;
        }
        if (script.startFails()) {
            update(namespace, pod, c.getName(), s -> waitingState(s, "RunContainerError",
                    "OCI runtime create failed: simulated start failure"));
            return -1;
        }
        boolean probed = c.getReadinessProbe() != null;
        boolean readyAtOnce = !probed || !script.scriptsHealth();
        update(namespace, pod, c.getName(), s -> {
            s.setState(null);
            s.setStarted(true);
            s.setReady(readyAtOnce);
            s.setImageID("docker.io/library/" + c.getImage() + "@sha256:" + "ab".repeat(32));
            s.setContainerID(containerId(pod, c.getName()));
            s.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewRunning()
                    .withStartedAt(Instant.now().toString()).endRunning().build());
            return s;
        });
        if (startedOrReady != null && (c.getStartupProbe() == null || readyAtOnce)) {
            startedOrReady.countDown();
        }
        long started = System.nanoTime();
        for (SimulationScript.Step step : script.steps()) {
            long due = started + step.after().toNanos();
            while (System.nanoTime() < due) {
                if (!sleep(Math.min(TICK_MILLIS, Math.max(1, (due - System.nanoTime()) / 1_000_000)))
                        || ended(namespace, pod, c.getName())) {
                    return exitCode(namespace, pod, c.getName());
                }
            }
            if (ended(namespace, pod, c.getName())) {
                return exitCode(namespace, pod, c.getName());
            }
            switch (step.action()) {
                case HEALTHY -> {
                    update(namespace, pod, c.getName(), s -> {
                        s.setReady(true);
                        return s;
                    });
                    if (startedOrReady != null) {
                        startedOrReady.countDown();
                    }
                }
                case UNHEALTHY -> update(namespace, pod, c.getName(), s -> {
                    s.setReady(false);
                    return s;
                });
                case OOM -> {
                    terminate(namespace, pod, c.getName(), 137, "OOMKilled");
                    return 137;
                }
                case EXIT -> {
                    terminate(namespace, pod, c.getName(), step.exitCode(), step.exitCode() == 0 ? "Completed"
                            : "Error");
                    return step.exitCode();
                }
                case LINES -> {
                    // output is not played: the mock server has no container logs
                }
            }
        }
        while (!ended(namespace, pod, c.getName())) {
            if (!sleep(TICK_MILLIS)) {
                return -1;
            }
        }
        return exitCode(namespace, pod, c.getName());
    }

    /** A deletion ends every running container (SIGTERM honoured, or SIGKILL after the grace period). */
    private void awaitDeletion(String namespace, String name) {
        while (!closed) {
            Pod pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod == null) {
                return;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 30
                        : pod.getMetadata().getDeletionGracePeriodSeconds();
                List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
                all.addAll(pod.getSpec().getContainers());
                boolean stubborn = all.stream().anyMatch(c -> running(pod, c.getName())
                        && script(c).ignoreSigterm());
                if (stubborn && grace > 0) {
                    sleep(grace * 1000);
                }
                for (Container c : all) {
                    if (running(client.pods().inNamespace(namespace).withName(name).get(), c.getName())) {
                        boolean killed = script(c).ignoreSigterm() || grace == 0;
                        terminate(namespace, name, c.getName(), killed ? 137 : 0, killed ? "Error" : "Completed");
                    }
                }
                client.pods().inNamespace(namespace).withName(name).edit(p -> new PodBuilder(p).editMetadata()
                        .removeFromFinalizers(FINALIZER).endMetadata().build());
                return;
            }
            if (!sleep(TICK_MILLIS)) {
                return;
            }
        }
    }

    private static boolean running(Pod pod, String container) {
        return pod != null && PodStatuses.status(pod, container).map(PodStatuses::running).orElse(false);
    }

    private boolean ended(String namespace, String pod, String container) {
        Pod now = client.pods().inNamespace(namespace).withName(pod).get();
        return now == null || PodStatuses.status(now, container).flatMap(PodStatuses::terminated).isPresent();
    }

    private int exitCode(String namespace, String pod, String container) {
        Pod now = client.pods().inNamespace(namespace).withName(pod).get();
        return now == null ? -1 : PodStatuses.status(now, container).flatMap(PodStatuses::terminated)
                .map(t -> t.getExitCode()).orElse(-1);
    }

    private boolean gone(String namespace, String pod) {
        return closed || client.pods().inNamespace(namespace).withName(pod).get() == null;
    }

    private void terminate(String namespace, String pod, String container, int code, String reason) {
        update(namespace, pod, container, s -> {
            s.setReady(false);
            s.setStarted(false);
            s.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewTerminated()
                    .withExitCode(code).withReason(reason).withFinishedAt(Instant.now().toString())
                    .endTerminated().build());
            return s;
        });
    }

    private static ContainerStatus waitingState(ContainerStatus s, String reason, String message) {
        s.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewWaiting().withReason(reason)
                .withMessage(message).endWaiting().build());
        return s;
    }

    private static ContainerStatus waiting(Container c, String reason) {
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false)
                .withRestartCount(0).withNewState().withNewWaiting().withReason(reason).endWaiting().endState()
                .build();
    }

    private static SimulationScript script(Container c) {
        return c.getEnv() == null ? SimulationScript.NONE : c.getEnv().stream()
                .filter(e -> e.getName().equals(SimulationScript.VARIABLE)).map(EnvVar::getValue)
                .findFirst().map(SimulationScript::parse).orElse(SimulationScript.NONE);
    }

    /** Changes one container's status (the fixture's writes to one Pod are serialized). */
    private void update(String namespace, String pod, String container, UnaryOperator<ContainerStatus> change) {
        status(namespace, pod, s -> {
            for (List<ContainerStatus> list : List.of(s.getInitContainerStatuses(), s.getContainerStatuses())) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).getName().equals(container)) {
                        list.set(i, change.apply(new ContainerStatusBuilder(list.get(i)).build()));
                    }
                }
            }
        });
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Pod status(String namespace, String pod, java.util.function.Consumer<PodStatus> change) {
        synchronized (locks.computeIfAbsent(namespace + "/" + pod, k -> new Object())) {
            Pod now = client.pods().inNamespace(namespace).withName(pod).get();
            if (now == null) {
                return null;
            }
            PodStatus status = now.getStatus() == null ? new PodStatus() : now.getStatus();
            change.accept(status);
            now.setStatus(status);
            return client.pods().inNamespace(namespace).resource(now).updateStatus();
        }
    }

    private boolean sleep(long millis) {
        if (closed) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(threads);
        }
        watch.close();
        for (Thread t : running) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
