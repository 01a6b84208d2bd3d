package dev.localecs.runtime.tasks;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.LaunchHints;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Launches one task: networks, volumes and images, then each container in dependency order, waiting for
 * each ECS dependency condition (START, COMPLETE, SUCCESS, HEALTHY) within the dependency's startTimeout.
 * Any failure stops the task with {@code TaskFailedToStart}.
 */
final class TaskLauncher {
    private static final Logger LOG = Logger.getLogger(TaskLauncher.class.getName());

    private final TaskLifecycle lifecycle;
    private final TaskEngine engine;
    private final LaunchResources resources;
    private final TaskSettings settings;
    private final TaskOutputs outputs;
    private final TaskRecord record;
    private final ComposedTask compose;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    TaskLauncher(TaskLifecycle lifecycle, TaskEngine engine, LaunchResources resources, TaskSettings settings,
                 TaskOutputs outputs, TaskRecord record, ComposedTask compose) {
        this.outputs = outputs;
        this.lifecycle = lifecycle;
        this.engine = engine;
        this.resources = resources;
        this.settings = settings;
        this.record = record;
        this.compose = compose;
    }

    void launch() {
        try {
            lifecycle.pullStarted(record);
            engine.prepare(compose, resources.registryLogins(record.taskId, record.executionRole(), compose));
            lifecycle.pulled(record);
            checkDependencyOrder();
            Map<String, CompletableFuture<String>> created = new ConcurrentHashMap<>();
            compose.effective().services().keySet().forEach(name -> created.put(name, new CompletableFuture<>()));
            List<Thread> threads = new ArrayList<>();
            for (String service : compose.effective().services().keySet()) {
                threads.add(Thread.ofVirtual().name("start-" + record.taskId + "-" + service)
                        .start(() -> startService(service, created)));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Throwable failure = firstFailure.get();
            if (failure != null) {
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
        } catch (LaunchException e) {
            lifecycle.launchFailed(record, e.container(), e.reason());
        } catch (DependencyFailure e) {
            lifecycle.launchFailed(record, e.container, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lifecycle.launchFailed(record, null, "CannotStartContainerError: the launch was interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Launch of task " + record.taskId + " failed", e);
            lifecycle.launchFailed(record, null, "CannotStartContainerError: " + e.getMessage());
        }
    }

    /**
     * Creates and starts one service once the services it needs exist (dependencies, volumesFrom, links,
     * shared namespaces) and its ECS dependency conditions hold; independent services start in parallel,
     * as docker compose starts them.
     */
    private void startService(String service, Map<String, CompletableFuture<String>> created) {
        CompletableFuture<String> own = created.get(service);
        try {
            Map<String, String> ids = new LinkedHashMap<>();
            for (String prerequisite : prerequisites(service)) {
                ids.put(prerequisite, created.get(prerequisite).join());
            }
            if (record.isStoppingOrStopped() || firstFailure.get() != null) {
                own.completeExceptionally(new CancellationException("launch abandoned"));
                return;
            }
            awaitDependencies(service);
            if (record.isStoppingOrStopped()) {
                own.completeExceptionally(new CancellationException("launch abandoned"));
                return;
            }
            boolean pause = service.equals(record.pauseService);
            ComposeService definition = compose.effective().services().get(service);
            Map<String, String> environment = resources.environment(record.taskId, record.executionRole(), service,
                    definition);
            Map<String, String> logSecrets = pause ? Map.of() : TaskOutputs.secretOptions(record, service, resources);
            boolean engineLogs = TaskOutputs.engineRunsDriver(record, service, definition);
            Map<String, String> engineLogSecrets = engineLogs ? logSecrets : Map.of();
            String createdId;
            try {
                createdId = engine.create(compose, service, ids, new LaunchValues(environment, engineLogSecrets));
            } catch (LaunchException e) {
                if (engineLogSecrets.isEmpty()) {
                    throw e;
                }
                // the engine's log driver may repeat an option's value it refuses
                throw new LaunchException(LaunchException.Kind.START, service,
                        TaskOutputs.masked(e.getMessage(), engineLogSecrets), null);
            }
            if (!lifecycle.created(record, service, createdId)) {
                // stopped while this container was being created: it never starts
                own.completeExceptionally(new CancellationException("launch abandoned"));
                return;
            }
            Optional<TaskOutputs.Opened> log = pause ? Optional.empty() : outputs.open(record, service, createdId,
                    engineLogs ? Map.of() : logSecrets);
            String id;
            try {
                id = engine.start(createdId);
            } catch (LaunchException e) {
                log.ifPresent(outputs::abandon);
                // an engine whose kubelet pulls at the start (Kubernetes) fails it as a pull; Docker's start never does
                throw new LaunchException(e.kind(), service, e.getMessage(), e);
            } catch (RuntimeException e) {
                log.ifPresent(outputs::abandon);
                throw e;
            }
            log.ifPresent(opened -> outputs.follow(engine, record, service, id, opened));
            if (!id.equals(createdId)) {
                // the engine remade the container (an awsvpc pause container without a host port it could not get)
                lifecycle.created(record, service, id);
            }
            if (record.isStoppingOrStopped()) {
                // a stop that came between the creation and the start may have found nothing to stop yet
                engine.stop(id, pause ? 2 : record.container(service).stopTimeout);
            }
            if (pause && record.awsvpc()) {
                lifecycle.interfaceAttached(record, engine.observe(id, settings.taskNetwork()));
            } else if (!pause) {
                // the start call has returned: no need to wait for the event to say so
                ContainerState state = record.container(service);
                lifecycle.containerStarted(record, state, lifecycle.observe(state));
            }
            own.complete(id);
        } catch (CompletionException | CancellationException e) {
            own.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            firstFailure.compareAndSet(null, e);
            own.completeExceptionally(e);
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
            own.completeExceptionally(e);
        }
    }

    /** Services that must exist before this one is created. */
    private Set<String> prerequisites(String service) {
        ComposeService definition = compose.effective().services().get(service);
        Set<String> names = new LinkedHashSet<>();
        if (definition.dependsOn() != null) {
            names.addAll(definition.dependsOn().keySet());
        }
        if (definition.volumesFrom() != null) {
            definition.volumesFrom().forEach(from -> names.add(from.split(":")[0]));
        }
        if (definition.links() != null) {
            definition.links().forEach(link -> names.add(link.split(":")[0]));
        }
        for (String mode : new String[] {definition.networkMode(), definition.pid(), definition.ipc()}) {
            if (mode != null && mode.startsWith("service:")) {
                names.add(mode.substring("service:".length()));
            }
        }
        names.retainAll(compose.effective().services().keySet());
        names.remove(service);
        return names;
    }

    /**
     * Refuses a launch whose dependsOn conditions form a cycle (services are then started as their
     * prerequisites allow, independent ones in parallel).
     */
    private void checkDependencyOrder() {
        Map<String, ComposeService> services = compose.effective().services();
        Map<String, Integer> pending = new LinkedHashMap<>();
        services.forEach((name, service) -> pending.put(name,
                service.dependsOn() == null ? 0 : (int) service.dependsOn().keySet().stream()
                        .filter(services::containsKey).count()));
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            services.forEach((name, service) -> {
                if (service.dependsOn() != null && service.dependsOn().containsKey(next)
                        && pending.merge(name, -1, Integer::sum) == 0) {
                    ready.add(name);
                }
            });
        }
        if (order.size() != services.size()) {
            throw new LaunchException(LaunchException.Kind.START, null, "the containers' dependencies form a cycle",
                    null);
        }
    }

    private void awaitDependencies(String service) throws InterruptedException {
        for (Map.Entry<String, String> entry : hints(service).dependencies().entrySet()) {
            String dependency = entry.getKey();
            DependencyCondition condition = DependencyCondition.valueOf(entry.getValue());
            ContainerState target = record.container(dependency);
            if (target == null) {
                continue;
            }
            long timeoutSeconds = timeoutOf(dependency);
            Predicate<TaskRecord> reached = r -> reached(target, condition) || failed(target, condition) != null
                    || r.isStoppingOrStopped();
            if (!record.await(reached, timeoutSeconds * 1000)) {
                throw new DependencyFailure(service, "Container '" + service + "' dependency '" + dependency
                        + "' did not reach " + condition + " within " + timeoutSeconds + " seconds.");
            }
            String failure;
            synchronized (record) {
                failure = failed(target, condition);
            }
            if (failure != null) {
                throw new DependencyFailure(service, "Container '" + service + "' dependency '" + dependency + "' "
                        + failure + ".");
            }
        }
    }

    private long timeoutOf(String dependency) {
        return hints(dependency).startTimeout().orElse(settings.dependencyTimeout()).toSeconds();
    }

    private LaunchHints hints(String service) {
        return LaunchHints.of(compose.effective().services().get(service));
    }

    private static boolean reached(ContainerState c, DependencyCondition condition) {
        boolean ran = c.runtimeId != null;
        return switch (condition) {
            case START -> ran && (c.running() || c.stopped());
            case COMPLETE -> ran && c.stopped();
            case SUCCESS -> ran && c.stopped() && Integer.valueOf(0).equals(c.exitCode);
            case HEALTHY -> c.healthStatus == HealthStatus.HEALTHY;
        };
    }

    private static String failed(ContainerState c, DependencyCondition condition) {
        if (condition == DependencyCondition.SUCCESS && c.stopped() && c.exitCode != null && c.exitCode != 0) {
            return "exited with code " + c.exitCode + " instead of succeeding";
        }
        if (condition == DependencyCondition.HEALTHY && c.healthStatus == HealthStatus.UNHEALTHY) {
            return "became UNHEALTHY";
        }
        if (condition == DependencyCondition.HEALTHY && c.stopped()) {
            return "stopped before becoming HEALTHY";
        }
        if (c.stopped() && c.runtimeId == null) {
            return "never started";
        }
        return null;
    }

    /** The dependsOn conditions of ECS. */
    private enum DependencyCondition {
        START, COMPLETE, SUCCESS, HEALTHY
    }

    /** A dependency condition failed or timed out. */
    private static final class DependencyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String container;

        DependencyFailure(String container, String message) {
            super(message);
            this.container = container;
        }
    }
}
