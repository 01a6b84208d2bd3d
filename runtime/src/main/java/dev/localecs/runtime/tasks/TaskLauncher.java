package dev.localecs.runtime.tasks;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.runtime.compose.ComposedTask;
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

    private final TaskManager manager;
    private final TaskRecord record;
    private final ComposedTask compose;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    TaskLauncher(TaskManager manager, TaskRecord record, ComposedTask compose) {
        this.manager = manager;
        this.record = record;
        this.compose = compose;
    }

    void launch() {
        TaskEngine engine = manager.engine();
        try {
            record.update(r -> r.pullStartedAt = manager.clock().instant());
            engine.prepare(record, compose, manager.registryLogins(record, compose));
            record.update(r -> {
                r.pullStoppedAt = manager.clock().instant();
                if ("PROVISIONING".equals(r.lastStatus)) {
                    r.lastStatus = "PENDING";
                }
            });
            startOrder();
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
            fail(e.container(), e.reason());
        } catch (DependencyFailure e) {
            fail(e.container, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(null, "CannotStartContainerError: the launch was interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Launch of task " + record.taskId + " failed", e);
            fail(null, "CannotStartContainerError: " + e.getMessage());
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
            TaskEngine engine = manager.engine();
            String createdId = engine.create(record, compose, service, ids, manager.secretsFor(record, service,
                    compose.effective().services().get(service)));
            boolean pause = service.equals(record.pauseService);
            recordId(service, pause, createdId);
            String id;
            try {
                id = engine.start(createdId);
            } catch (LaunchException e) {
                throw new LaunchException(LaunchException.Kind.START, service, e.getMessage(), e);
            }
            if (!id.equals(createdId)) {
                recordId(service, pause, id);
            }
            if (pause && record.awsvpc()) {
                TaskEngine.Observation seen = engine.observe(id, manager.settings().taskNetwork());
                record.update(r -> {
                    r.privateIp = seen.ip().orElse(null);
                    r.macAddress = seen.mac().orElse(null);
                });
            } else if (!pause) {
                // the start call has returned: no need to wait for the event to say so
                ContainerState state = record.container(service);
                manager.markRunning(record, state, manager.observe(state));
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

    private void recordId(String service, boolean pause, String id) {
        record.update(r -> {
            if (pause) {
                r.pauseId = id;
            } else {
                r.containers.get(service).runtimeId = id;
            }
        });
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

    private void fail(String container, String reason) {
        record.update(r -> {
            ContainerState failed = container == null ? null : r.containers.get(container);
            if (failed != null) {
                failed.reason = reason;
                if (!"RUNNING".equals(failed.lastStatus)) {
                    // it never ran: ECS shows no exit code (Docker would report 127 for a failed start)
                    failed.lastStatus = "STOPPED";
                }
            }
            for (ContainerState c : r.containers.values()) {
                if (c.runtimeId == null) {
                    c.lastStatus = "STOPPED";
                    if (failed == null && c.reason == null) {
                        c.reason = reason;
                    }
                }
            }
        });
        manager.initiateStop(record, "TaskFailedToStart", reason);
    }

    /** Services in an order where every dependency comes first (the pause service before all). */
    List<String> startOrder() {
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
        return order;
    }

    private void awaitDependencies(String service) throws InterruptedException {
        ComposeService definition = compose.effective().services().get(service);
        String exact = definition.labels() == null ? null : definition.labels().get(EcsLabels.DEPENDS_ON);
        if (exact == null || exact.isEmpty()) {
            return;
        }
        for (String entry : exact.split(",")) {
            String[] parts = entry.split("=");
            String dependency = parts[0];
            String condition = parts[1];
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
        ComposeService definition = compose.effective().services().get(dependency);
        String label = definition == null || definition.labels() == null ? null
                : definition.labels().get(EcsLabels.START_TIMEOUT);
        return label == null ? manager.settings().dependencyTimeout().toSeconds() : Long.parseLong(label);
    }

    private static boolean reached(ContainerState c, String condition) {
        boolean ran = c.runtimeId != null;
        return switch (condition) {
            case "START" -> ran && ("RUNNING".equals(c.lastStatus) || c.stopped());
            case "COMPLETE" -> ran && c.stopped();
            case "SUCCESS" -> ran && c.stopped() && Integer.valueOf(0).equals(c.exitCode);
            case "HEALTHY" -> "HEALTHY".equals(c.healthStatus);
            default -> false;
        };
    }

    private static String failed(ContainerState c, String condition) {
        if (condition.equals("SUCCESS") && c.stopped() && c.exitCode != null && c.exitCode != 0) {
            return "exited with code " + c.exitCode + " instead of succeeding";
        }
        if (condition.equals("HEALTHY") && "UNHEALTHY".equals(c.healthStatus)) {
            return "became UNHEALTHY";
        }
        if (condition.equals("HEALTHY") && c.stopped()) {
            return "stopped before becoming HEALTHY";
        }
        if (c.stopped() && c.runtimeId == null) {
            return "never started";
        }
        return null;
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
