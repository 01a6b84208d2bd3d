package dev.localecs.plugins.daemons;

import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import dev.localecs.api.work.ReconcileLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one task of each daemon on every ACTIVE container instance of its cluster (the Docker engine's one, or
 * each node of a multi-machine engine), placed on that instance: starts it, replaces it when it stops, rolls it
 * to the current revision (the old task is stopped, and the new one starts once it has stopped — one instance
 * never runs two copies of a daemon), stops a task whose instance was deregistered (or, on a DRAINING instance,
 * once the instance's other tasks have stopped), stops them all when the daemon is deleted and then forgets the
 * daemon. A deployment is {@code IN_PROGRESS} from its first task start until every ACTIVE instance runs a task of
 * it and no task of an older revision is left, then {@code SUCCESSFUL}. Tasks that fail to start are counted against their deployment and retried with
 * exponential backoff (1 s doubling to 60 s).
 */
final class DaemonScheduler implements ReconcileLoop.Reconciler {
    /** Failed task starts shown as the circuit breaker's threshold. */
    static final int FAILURE_THRESHOLD = 3;
    private static final Logger LOG = LoggerFactory.getLogger(DaemonScheduler.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** What placement answers when the instance is no longer ACTIVE. */
    private static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
    /** A daemon's tasks are placed one per instance. */
    private static final PlacementConstraint DISTINCT_INSTANCE = new PlacementConstraint("distinctInstance", null);

    private final PluginContext context;
    private final DaemonStore store;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutiveFailures = new ConcurrentHashMap<>();
    private final Map<String, Integer> newFailures = new ConcurrentHashMap<>();
    private final Set<String> countedFailures = ConcurrentHashMap.newKeySet();

    DaemonScheduler(PluginContext context, DaemonStore store) {
        this.context = context;
        this.store = store;
    }

    /** A daemon task changed: the daemon to look at, counting a failed start against its deployment. */
    Optional<String> onTaskChange(Task task) {
        if (task.group() == null || !task.group().startsWith(DaemonTasks.GROUP_PREFIX) || task.clusterArn() == null) {
            return Optional.empty();
        }
        String cluster = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
        String key = cluster + "/" + task.group().substring(DaemonTasks.GROUP_PREFIX.length());
        if ("STOPPED".equals(task.lastStatus()) && task.startedAt() == null && task.startedBy() != null
                && !"ServiceSchedulerInitiated".equals(task.stopCode()) && !"UserInitiated".equals(task.stopCode())
                && countedFailures.add(task.taskArn())) {
            newFailures.merge(task.startedBy(), 1, Integer::sum);
            int failures = consecutiveFailures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures - 1, 6));
            notBefore.put(key, context.clock().instant().plusSeconds(delay));
        } else if ("RUNNING".equals(task.lastStatus())) {
            consecutiveFailures.remove(key);
            notBefore.remove(key);
        }
        return Optional.of(key);
    }

    /** Looks at every daemon, and marks deleted daemon task definitions no daemon runs any more DELETED. */
    @Override
    public void reconcileAll() {
        for (StoredDaemon daemon : store.daemons()) {
            reconcile(daemon.key());
        }
        finishDefinitionDeletes();
    }

    @Override
    public void reconcile(String key) {
        store.locked(key, () -> {
            store.daemon(key).ifPresent(this::step);
            return null;
        });
    }

    private void step(StoredDaemon stored) {
        StoredDaemon daemon = recordFailures(stored);
        List<Task> live = DaemonTasks.live(context, daemon);
        double now = DaemonRefs.now(context);
        if ("DELETE_IN_PROGRESS".equals(daemon.status())) {
            live.forEach(task -> stop(daemon, task, "Daemon " + daemon.daemonName() + " is being deleted."));
            if (live.isEmpty() && DaemonTasks.stopping(context, daemon).isEmpty()) {
                store.remove(daemon);
                LOG.info("Daemon {} deleted", daemon.daemonArn());
            }
            return;
        }
        DaemonRevision target = daemon.currentRevision();
        DaemonDeployment deployment = daemon.latestDeployment();
        List<String> instances = context.containerInstances().list(daemon.cluster(), Optional.empty(),
                Optional.of("ACTIVE")).stream().map(ContainerInstance::containerInstanceArn).toList();
        // a task on an instance that left stops (on a DRAINING one, once the instance's other tasks have)
        List<Task> leaving = live.stream().filter(task -> !instances.contains(task.containerInstanceArn())).toList();
        leaving.stream().filter(task -> !waitsForOthers(daemon, task)).forEach(task -> stop(daemon, task,
                "Container instance " + instanceId(task) + " is no longer ACTIVE."));
        List<Task> placed = live.stream().filter(task -> !leaving.contains(task)).toList();
        List<Task> current = placed.stream().filter(task -> DaemonTasks.runs(daemon, task, target.arn())).toList();
        List<Task> old = placed.stream().filter(task -> !current.contains(task)).toList();
        old.forEach(task -> stop(daemon, task, "Daemon deployment " + deployment.arn() + " replaced revision of "
                + "the task."));
        Map<String, List<Task>> byInstance = current.stream().collect(Collectors.groupingBy(Task::containerInstanceArn,
                LinkedHashMap::new, Collectors.toList()));
        byInstance.values().forEach(there -> there.stream().skip(1)
                .forEach(task -> stop(daemon, task, "One daemon task per container instance.")));
        // an instance runs one copy: a task starts there once every older one there has really stopped
        List<Task> stopping = DaemonTasks.stopping(context, daemon);
        Set<String> taken = new HashSet<>();
        DaemonTasks.live(context, daemon).forEach(task -> taken.add(task.containerInstanceArn()));
        stopping.forEach(task -> taken.add(task.containerInstanceArn()));
        List<String> free = instances.stream().filter(instance -> !taken.contains(instance)).toList();
        boolean starting = !free.isEmpty() && ready(daemon.key());
        if (starting) {
            for (String instance : free) {
                if (!start(daemon, target, deployment, instance)) {
                    break;
                }
            }
        }
        if ("PENDING".equals(deployment.status()) && (starting || !old.isEmpty() || !stopping.isEmpty())) {
            store.put(daemon.withDeployment(deployment.started(now)));
            return;
        }
        boolean settled = !instances.isEmpty() && free.isEmpty() && old.isEmpty() && stopping.isEmpty()
                && instances.stream().allMatch(instance -> byInstance.getOrDefault(instance, List.of()).stream()
                        .findFirst().filter(task -> "RUNNING".equals(task.lastStatus())).isPresent());
        if (settled && !deployment.finished()) {
            store.put(daemon.withDeployment(deployment.successful(now, "Daemon deployment completed.")));
        }
    }

    /** Whether a daemon task on a DRAINING instance waits for the instance's tasks of no daemon to stop first. */
    private boolean waitsForOthers(StoredDaemon daemon, Task task) {
        String instance = task.containerInstanceArn();
        if (instance == null || !context.containerInstances().find(daemon.cluster(), instance)
                .map(found -> "DRAINING".equals(found.status())).orElse(false)) {
            return false;
        }
        List<Task> there = new ArrayList<>();
        for (String desired : List.of("RUNNING", "STOPPED")) {
            there.addAll(context.tasks().list(new TaskFilter(daemon.cluster(), Optional.empty(), Optional.empty(),
                    desired, Optional.empty(), Optional.empty())));
        }
        return there.stream().anyMatch(other -> instance.equals(other.containerInstanceArn())
                && !"STOPPED".equals(other.lastStatus())
                && (other.group() == null || !other.group().startsWith(DaemonTasks.GROUP_PREFIX)));
    }

    private static String instanceId(Task task) {
        String arn = task.containerInstanceArn() == null ? "" : task.containerInstanceArn();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private StoredDaemon recordFailures(StoredDaemon daemon) {
        StoredDaemon updated = daemon;
        for (DaemonDeployment deployment : daemon.deployments()) {
            Integer failed = newFailures.remove(deployment.id());
            if (failed != null) {
                updated = updated.withDeployment(deployment.withFailures(deployment.failedTasks() + failed));
            }
        }
        return updated == daemon ? daemon : store.put(updated);
    }

    private boolean ready(String key) {
        Instant earliest = notBefore.get(key);
        return earliest == null || !context.clock().instant().isBefore(earliest);
    }

    /** Starts the daemon's task on an instance; false when it could not (the daemon then backs off). */
    private boolean start(StoredDaemon daemon, DaemonRevision revision, DaemonDeployment deployment,
                          String instance) {
        Optional<StoredDaemonTaskDefinition> definition = DaemonTaskDefinitions.find(store,
                revision.daemonTaskDefinitionArn());
        if (definition.isEmpty()) {
            LOG.warn("Daemon {}: daemon task definition {} is gone", daemon.daemonArn(),
                    revision.daemonTaskDefinitionArn());
            return false;
        }
        // A task started for the daemon is started by the latest deployment that targets its revision.
        String startedBy = daemon.deployments().stream()
                .filter(d -> revision.arn().equals(d.targetRevisionArn())).findFirst().orElse(deployment).id();
        try {
            RunTaskSpec spec = new RunTaskSpec(DaemonTaskDefinitions.taskDefinition(context, definition.get()),
                    daemon.cluster(), Optional.empty(), Optional.of(startedBy), DaemonTasks.group(daemon), "EC2",
                    Optional.of(capacityProviderName(daemon)), Optional.empty(), Optional.empty(),
                    revision.enableExecuteCommand(), tags(daemon, revision));
            PlacementResult placed = context.containerInstances().place(new PlacementRequest(spec, 1,
                    List.of(DISTINCT_INSTANCE), List.of(), Optional.of(instance), context.tasks()::run));
            if (placed.tasks().isEmpty()) {
                // the instance lacks what the task needs: no task failed, try again later
                LOG.warn("Daemon {} could not place its task on {}: {}", daemon.daemonArn(), instance,
                        placed.failures().stream().map(Failure::reason).findFirst().orElse("unknown"));
                backOff(daemon.key());
                return false;
            }
            LOG.info("Daemon {} started task {}", daemon.daemonArn(), placed.tasks().getFirst().taskArn());
            return true;
        } catch (EcsException e) {
            if (NO_INSTANCES.equals(e.getMessage())) {
                return true; // the instance left meanwhile: the next look stops nothing and starts nothing there
            }
            LOG.warn("Daemon {} could not start its task: {}", daemon.daemonArn(), e.getMessage());
            newFailures.merge(startedBy, 1, Integer::sum);
            backOff(daemon.key());
            return false;
        }
    }

    private void backOff(String key) {
        int failures = consecutiveFailures.merge(key, 1, Integer::sum);
        notBefore.put(key, context.clock().instant()
                .plusSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures - 1, 6))));
    }

    /** The capacity provider the local container instance is counted under: the daemon's first, by name. */
    private static String capacityProviderName(StoredDaemon daemon) {
        String first = daemon.capacityProviderArns().getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private List<Tag> tags(StoredDaemon daemon, DaemonRevision revision) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        if (revision.enableECSManagedTags()) {
            tags.put("aws:ecs:clusterName", new Tag("aws:ecs:clusterName", daemon.cluster()));
            tags.put("aws:ecs:daemonName", new Tag("aws:ecs:daemonName", daemon.daemonName()));
        }
        if ("DAEMON".equals(revision.propagateTags())) {
            context.tags().tags(daemon.daemonArn()).forEach(tag -> tags.put(tag.key(), tag));
        }
        return List.copyOf(tags.values());
    }

    private void stop(StoredDaemon daemon, Task task, String reason) {
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        context.tasks().stopForScheduler(daemon.cluster(), taskId, reason);
    }

    private void finishDefinitionDeletes() {
        for (StoredDaemonTaskDefinition definition : store.definitions()) {
            if (!"DELETE_IN_PROGRESS".equals(definition.status())) {
                continue;
            }
            boolean inUse = store.daemons().stream().anyMatch(daemon -> daemon.revisions().stream()
                    .anyMatch(r -> r.daemonTaskDefinitionArn().equals(definition.daemonTaskDefinitionArn())
                            && (r.equals(daemon.currentRevision())
                            || DaemonTasks.live(context, daemon).stream()
                            .anyMatch(task -> DaemonTasks.runs(daemon, task, r.arn())))));
            if (!inUse) {
                store.locked("definition:" + definition.family(), () -> store.put(
                        definition.withStatus("DELETED", definition.deleteRequestedAt())));
            }
        }
    }
}
