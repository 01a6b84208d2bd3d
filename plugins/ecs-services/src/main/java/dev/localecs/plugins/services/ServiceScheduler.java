package dev.localecs.plugins.services;

import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.model.Task;
import dev.localecs.api.work.ReconcileLoop;
import dev.localecs.plugins.services.network.TargetFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's logic, one service at a time ({@link #reconcile(String)}), with no thread of its own: compares
 * a service's deployments with its live tasks and starts or stops tasks so that the PRIMARY deployment reaches
 * the desired count, older deployments drain, and the task count stays within {@code minimumHealthyPercent} and
 * {@code maximumPercent} of it. Then it writes the counts, rollout state, events and steady state back.
 * {@link ServiceSchedulerWorker} calls it on task events and on a periodic tick.
 */
final class ServiceScheduler implements ReconcileLoop.Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceScheduler.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int REMEMBERED_FAILURES = 10_000;
    private static final Comparator<Task> STOP_ORDER = Comparator
            .comparing((Task task) -> "RUNNING".equals(task.lastStatus()))
            .thenComparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()));

    /** The stoppedReason ECS gives a service task replaced for failing its container health checks. */
    static final String UNHEALTHY_REASON = "Task failed container health checks";

    /**
     * A service's launch backoff: the deployment whose tasks failed (a newer deployment is not held back), until
     * when, the last pause, failures in a row, whether the event was written.
     */
    private record Backoff(String deployment, Instant until, Duration last, int streak, boolean announced) {
    }

    /**
     * With the circuit breaker on, how long a deployment's tasks must have been RUNNING before it completes (and
     * the service is steady), so that a task that exits at once counts as a failure rather than a completion.
     */
    static final Duration STABLE_AFTER = Duration.ofSeconds(3);

    /** A task that stops sooner than this after starting failed to start, as far as the backoff goes. */
    static final Duration QUICK_EXIT = Duration.ofSeconds(10);

    /** Failures in a row after which the service says its tasks keep failing to start (and backs off). */
    static final int IMPAIRED_STREAK = 2;

    private final PluginContext context;
    private final ServiceStore store;
    private final Map<String, Integer> newFailures = new ConcurrentHashMap<>();
    private final ServicePlacement.News placementNews = new ServicePlacement.News();
    private final Set<String> countedFailures = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_FAILURES;
                }
            }));
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final ServiceNotifications notifications;
    private final ServiceTaskListeners listeners;
    private final TaskSetReconciler taskSets;
    /** What the front doors found of a task's HTTP health checks (the services' load balancer health). */
    private final Function<String, Optional<TargetFailure>> targetHealth;

    ServiceScheduler(PluginContext context, ServiceStore store) {
        this(context, store, taskArn -> Optional.empty());
    }

    ServiceScheduler(PluginContext context, ServiceStore store,
                     Function<String, Optional<TargetFailure>> targetHealth) {
        this.targetHealth = targetHealth;
        this.context = context;
        this.store = store;
        this.notifications = new ServiceNotifications(context);
        this.listeners = ServiceTaskListeners.of(context);
        this.taskSets = new TaskSetReconciler(context, store, listeners, this::backingOff);
    }

    /**
     * Notes a task change: a service task that failed to start, or whose essential container exited, counts as a
     * failed task of its deployment (the circuit breaker counts it); when it never ran or ran less than
     * {@link #QUICK_EXIT}, the service backs off before its next launch (until it reaches a steady state again).
     *
     * @param task the task as it is now
     * @return the key of the service it belongs to, to reconcile; empty for a task of no service
     */
    Optional<String> onTaskChange(Task task) {
        if (task.group() == null || !task.group().startsWith("service:") || task.clusterArn() == null) {
            return Optional.empty();
        }
        String cluster = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
        String key = cluster + "/" + task.group().substring("service:".length());
        if ("STOPPED".equals(task.lastStatus()) && task.startedBy() != null
                && ("TaskFailedToStart".equals(task.stopCode()) || "EssentialContainerExited".equals(task.stopCode()))
                && countedFailures.add(task.taskArn())) {
            newFailures.merge(task.startedBy(), 1, Integer::sum);
            if (task.startedAt() == null || task.stoppedAt() != null
                    && Duration.between(task.startedAt(), task.stoppedAt()).compareTo(QUICK_EXIT) < 0) {
                backOff(key, task.startedBy());
            }
        }
        return Optional.of(key);
    }

    /** Reconciles every service that is not INACTIVE. */
    @Override
    public void reconcileAll() {
        for (StoredService service : store.all()) {
            if (!"INACTIVE".equals(service.status())) {
                reconcile(service.key());
            }
        }
    }

    /**
     * Brings one service closer to its desired state (a step: a rolling deployment takes several).
     *
     * @param key {@code <cluster>/<name>}
     */
    @Override
    public void reconcile(String key) {
        store.locked(key, () -> {
            int slash = key.indexOf('/');
            store.find(key.substring(0, slash), key.substring(slash + 1))
                    .filter(service -> !"INACTIVE".equals(service.status()))
                    .ifPresent(service -> {
                        if (service.deploymentController().usesTaskSets()) {
                            taskSets.step(service);
                        } else {
                            step(service);
                        }
                    });
            return null;
        });
    }

    private void step(StoredService service) {
        double now = now();
        ServiceDeployment primary = service.primary();
        // a DAEMON service runs one task on each ACTIVE instance that meets its constraints, and no other
        boolean perInstance = "DAEMON".equals(service.schedulingStrategy()) && "ACTIVE".equals(service.status());
        Set<String> eligible = new LinkedHashSet<>();
        if (perInstance) {
            try {
                DaemonInstances.eligible(context, service.cluster(), service.members().path("placementConstraints"),
                        context.taskDefinitions().resolve(primary.taskDefinition()))
                        .forEach(instance -> eligible.add(instance.containerInstanceArn()));
            } catch (RuntimeException e) {
                LOG.warn("Service {} could not list its container instances: {}", service.serviceArn(),
                        e.getMessage());
                return;
            }
        }
        int desired = !"ACTIVE".equals(service.status()) ? 0 : perInstance ? eligible.size()
                : service.desiredCount();
        List<Task> all = context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(), Optional.empty(),
                "RUNNING", Optional.empty(), Optional.of(service.serviceName())));
        String name = service.serviceName();
        StoredService changed = service;
        List<Task> unhealthy = all.stream().filter(task -> failedHealthChecks(service, task)).toList();
        if (!unhealthy.isEmpty()) {
            for (Task task : unhealthy) {
                // a container health check failure first, as ECS reports it; else the load balancer's
                Optional<TargetFailure> target = "UNHEALTHY".equals(task.healthStatus()) ? Optional.empty()
                        : targetHealth.apply(task.taskArn());
                stop(service, task, target.map(TargetFailure::stoppedReason).orElse(UNHEALTHY_REASON));
                // a health-check failure is a failed task for the circuit breaker
                if (task.startedBy() != null && countedFailures.add(task.taskArn())) {
                    newFailures.merge(task.startedBy(), 1, Integer::sum);
                }
                changed = changed.withEvent(now, target.map(failure -> failure.event(name))
                        .orElse("(service " + name + ") (task " + id(task) + ") failed container health checks."));
            }
            changed = changed.withEvent(now, "(service " + name + ") has stopped " + unhealthy.size()
                    + " running tasks: " + taskList(unhealthy) + ".");
        }
        List<Task> live = all.stream().filter(task -> !unhealthy.contains(task)).toList();
        // a DAEMON task on an instance it no longer belongs on stops (on a DRAINING one, after the others)
        List<Task> leaving = perInstance ? live.stream()
                .filter(task -> !eligible.contains(task.containerInstanceArn())).toList() : List.of();
        List<Task> placedLive = live.stream().filter(task -> !leaving.contains(task)).toList();
        List<Task> primaryTasks = placedLive.stream().filter(task -> primary.id().equals(task.startedBy())).toList();
        List<Task> olderTasks = placedLive.stream().filter(task -> !primary.id().equals(task.startedBy())).toList();

        // scale-in and deployments pass over tasks with scale-in protection (UpdateTaskProtection) until it ends
        Predicate<Task> protectedTask = task -> "RUNNING".equals(task.lastStatus())
                && context.taskProtections().isProtected(task.taskArn());
        List<Task> stopping = new ArrayList<>();
        if (perInstance) {
            leaving.stream().filter(task -> !DaemonInstances.waitsForOthers(context, service.cluster(), task,
                    this::daemonServiceTask)).forEach(stopping::add);
            // one per instance: the extras there, least settled first
            primaryTasks.stream().collect(Collectors.groupingBy(Task::containerInstanceArn))
                    .values().forEach(there -> there.stream().sorted(STOP_ORDER).limit(there.size() - 1)
                            .filter(protectedTask.negate()).forEach(stopping::add));
        } else {
            primaryTasks.stream().filter(protectedTask.negate()).sorted(STOP_ORDER)
                    .limit(Math.max(0, primaryTasks.size() - desired)).forEach(stopping::add);
        }
        int running = (int) live.stream().filter(task -> !stopping.contains(task))
                .filter(task -> "RUNNING".equals(task.lastStatus())).count();
        int minimumHealthy = (int) Math.ceil(desired * service.minimumHealthyPercent() / 100.0);
        for (Task task : olderTasks.stream().sorted(STOP_ORDER).toList()) {
            if (protectedTask.test(task)) {
                continue;
            }
            if (!"RUNNING".equals(task.lastStatus())) {
                stopping.add(task);
            } else if (running - 1 >= minimumHealthy) {
                stopping.add(task);
                running--;
            }
        }
        int maximum = (int) Math.floor(desired * service.maximumPercent() / 100.0);
        // a FAILED deployment (circuit breaker, stopped) launches no more tasks, nor one about to fail
        boolean failing = "FAILED".equals(primary.rolloutState()) || service.circuitBreaker()
                && "IN_PROGRESS".equals(primary.rolloutState()) && primary.failedTasks()
                + newFailures.getOrDefault(primary.id(), 0) >= CircuitBreaker.threshold(desired);
        // a DAEMON task starts on each eligible instance where no task of the service is left (not even stopping)
        List<String> free = perInstance ? DaemonInstances.free(context, service, eligible, all) : List.of();
        int toStart = failing ? 0 : perInstance ? free.size() : Math.min(desired - (primaryTasks.size()
                - (int) primaryTasks.stream().filter(stopping::contains).count()),
                maximum - (live.size() - stopping.size()));

        if (!stopping.isEmpty()) {
            String reason = "Scaling activity initiated by (deployment " + primary.id() + ")";
            for (Task task : stopping) {
                stop(service, task, reason);
            }
            changed = changed.withEvent(now, "(service " + name + ") has stopped "
                    + stopping.size() + " running tasks: " + taskList(stopping) + ".");
        }
        if (impairedNews(service.key())) {
            changed = changed.withEvent(now, "(service " + name + ") is unable to consistently start tasks "
                    + "successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer "
                    + "Guide.");
            notifications.taskStartImpaired(changed);
        }
        List<Task> started = new ArrayList<>();
        if (toStart > 0 && !backingOff(service.key(), primary.id())) {
            try {
                RunTaskSpec spec = ServiceTaskSpecs.spec(context, service, primary);
                ServicePlacement.Outcome placed = perInstance
                        ? ServicePlacement.startOn(context, "service " + name, service, spec, free)
                        : ServicePlacement.start(context, "service " + name, service, spec, toStart);
                for (Task task : placed.started()) {
                    started.add(task);
                    listeners.started(service, task);
                }
                Optional<String> news = placementNews.of(service.key(), placed);
                if (news.isPresent()) {
                    changed = changed.withEvent(now, news.get());
                }
            } catch (RuntimeException e) {
                LOG.warn("Service {} could not start a task: {}", service.serviceArn(), e.getMessage());
                changed = changed.withEvent(now, "(service " + name
                        + ") failed to launch a task with (error " + e.getMessage() + ").");
                newFailures.merge(primary.id(), 1, Integer::sum);
                backOff(service.key(), primary.id());
            }
            if (!started.isEmpty()) {
                changed = changed.withEvent(now, "(service " + name + ") has started "
                        + started.size() + " tasks: " + taskList(started) + ".");
            }
        }
        List<Task> remaining = new ArrayList<>(live);
        remaining.removeAll(stopping);
        remaining.addAll(started);
        boolean stillStopping = stillStopping(service);
        changed = counted(changed, desired, remaining, stillStopping, now);
        if (perInstance && changed.desiredCount() != desired) {
            changed = changed.withStatus(changed.status(), desired);
        }
        if (CircuitBreaker.trips(changed, desired)) {
            changed = CircuitBreaker.trip(changed, desired, now, notifications);
            store.wake(service.key());
        }
        if (!"ACTIVE".equals(service.status()) && remaining.isEmpty() && !stillStopping) {
            changed = changed.withStatus("INACTIVE", changed.desiredCount());
        }
        if (!changed.equals(service)) {
            store.put(changed);
        }
    }

    /** Whether a task is a DAEMON service's (it does not hold another daemon's task on a draining instance). */
    private boolean daemonServiceTask(Task task) {
        if (task.group() == null || !task.group().startsWith("service:") || task.clusterArn() == null) {
            return task.group() != null && task.group().startsWith("daemon:");
        }
        String cluster = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
        return store.find(cluster, task.group().substring("service:".length()))
                .filter(found -> "DAEMON".equals(found.schedulingStrategy())).isPresent();
    }

    private void stop(StoredService service, Task task, String reason) {
        listeners.stopping(service, task, reason);
        context.tasks().stopForScheduler(service.cluster(), id(task), reason);
    }

    /** The deployments' counts from the tasks left, the rollout state and the steady-state event. */
    private StoredService counted(StoredService service, int desired, List<Task> remaining, boolean stillStopping,
                                  double now) {
        List<ServiceDeployment> deployments = new ArrayList<>();
        for (ServiceDeployment deployment : service.deployments()) {
            List<Task> own = remaining.stream().filter(task -> deployment.id().equals(task.startedBy())).toList();
            int running = (int) own.stream().filter(task -> "RUNNING".equals(task.lastStatus())).count();
            int failed = deployment.failedTasks() + Optional.ofNullable(newFailures.remove(deployment.id())).orElse(0);
            boolean primary = deployments.isEmpty();
            if (!primary && own.isEmpty()) {
                continue;
            }
            deployments.add(deployment.withCounts(primary ? desired : own.size(), own.size() - running, running,
                    failed, now));
        }
        ServiceDeployment primary = deployments.getFirst();
        boolean settled = deployments.size() == 1 && primary.runningCount() == desired && primary.pendingCount() == 0
                && remaining.size() == desired && !stillStopping;
        // with the circuit breaker on, tasks must also have run a moment: one that exits at once is a failure
        Instant runningSince = context.clock().instant().minus(STABLE_AFTER);
        boolean stable = settled && (!service.circuitBreaker() || remaining.stream()
                .allMatch(task -> task.startedAt() != null && !task.startedAt().isAfter(runningSince)));
        StoredService changed = service.withDeployments(deployments, service.steady());
        if (primary.failedTasks() != service.primary().failedTasks()) {
            changed = changed.withRecord(primary.id(), record -> record.withFailures(primary.failedTasks(), now));
        }
        if (stable && "IN_PROGRESS".equals(primary.rolloutState())) {
            deployments.set(0, primary.completed(now));
            changed = changed.withDeployments(deployments, changed.steady())
                    .withRecord(primary.id(), record -> "ROLLBACK_IN_PROGRESS".equals(record.status())
                            ? record.finished("ROLLBACK_SUCCESSFUL", record.statusReason(), now)
                            : record.finished("SUCCESSFUL", null, now))
                    .withEvent(now, "(service " + service.serviceName() + ") (deployment " + primary.id()
                            + ") deployment completed.");
            notifications.deploymentCompleted(changed, primary);
        }
        if (stable) {
            backoffs.remove(service.key());
        }
        if (stable && !service.steady() && "ACTIVE".equals(service.status())) {
            changed = changed.withDeployments(deployments, true)
                    .withEvent(now, "(service " + service.serviceName() + ") has reached a steady state.");
            notifications.steadyState(changed);
        } else if (!settled && service.steady()) {
            changed = changed.withDeployments(deployments, false);
        }
        return changed;
    }

    /**
     * Whether a RUNNING task's health status is UNHEALTHY (an essential container failed its health checks), or
     * a front door found it UNHEALTHY (it failed the load balancer's health checks), past the service's
     * {@code healthCheckGracePeriodSeconds} from the task's start.
     */
    private boolean failedHealthChecks(StoredService service, Task task) {
        if (!"RUNNING".equals(task.lastStatus()) || !"UNHEALTHY".equals(task.healthStatus())
                && targetHealth.apply(task.taskArn()).isEmpty()) {
            return false;
        }
        int grace = service.members().path("healthCheckGracePeriodSeconds").asInt(0);
        return task.startedAt() == null
                || !context.clock().instant().isBefore(task.startedAt().plusSeconds(grace));
    }

    /** Whether a task of the service was told to stop and has not stopped yet. */
    private boolean stillStopping(StoredService service) {
        return context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(), Optional.empty(), "STOPPED",
                Optional.empty(), Optional.of(service.serviceName()))).stream()
                .anyMatch(task -> !"STOPPED".equals(task.lastStatus()));
    }

    private boolean backingOff(String key, String deployment) {
        Backoff backoff = backoffs.get(key);
        return backoff != null && backoff.deployment().equals(deployment)
                && context.clock().instant().isBefore(backoff.until());
    }

    private void backOff(String key, String deployment) {
        backoffs.compute(key, (k, known) -> {
            Backoff earlier = known == null || !known.deployment().equals(deployment) ? null : known;
            Duration next = earlier == null ? FIRST_BACKOFF : earlier.last().multipliedBy(2);
            if (next.compareTo(MAX_BACKOFF) > 0) {
                next = MAX_BACKOFF;
            }
            return new Backoff(deployment, context.clock().instant().plus(next), next,
                    earlier == null ? 1 : earlier.streak() + 1, earlier != null && earlier.announced());
        });
    }

    /** Whether the service's tasks keep failing to start and it has not said so yet in this streak (marks it said). */
    private boolean impairedNews(String key) {
        boolean[] news = new boolean[1];
        backoffs.computeIfPresent(key, (k, backoff) -> {
            news[0] = backoff.streak() >= IMPAIRED_STREAK && !backoff.announced();
            return news[0] ? new Backoff(backoff.deployment(), backoff.until(), backoff.last(), backoff.streak(), true)
                    : backoff;
        });
        return news[0];
    }

    private double now() {
        return context.clock().instant().toEpochMilli() / 1000.0;
    }

    private static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private static String taskList(List<Task> tasks) {
        Set<String> ids = new LinkedHashSet<>();
        tasks.forEach(task -> ids.add("(task " + id(task) + ")"));
        return String.join(" ", ids);
    }
}
