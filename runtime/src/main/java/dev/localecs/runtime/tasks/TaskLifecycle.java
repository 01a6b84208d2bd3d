package dev.localecs.runtime.tasks;

import dev.localecs.api.model.NetworkBinding;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The only writer of task and container status: container events from the engine, the launcher's progress,
 * stops and recovery all become ECS transitions here (PROVISIONING → PENDING → RUNNING → STOPPING or
 * DEACTIVATING → DEPROVISIONING → STOPPED), each applied atomically to the {@link TaskRecord}.
 */
final class TaskLifecycle {
    static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";
    static final String ESSENTIAL_EXITED = "Essential container in task exited";
    static final String VANISHED = "CannotInspectContainerError: the container was removed from the engine while "
            + "local-ecs-api was not running";

    private final TaskEngine engine;
    private final Clock clock;
    private final TaskSettings settings;
    private final TaskStopper stopper;
    private final ContainerInspector inspector;

    TaskLifecycle(TaskEngine engine, Clock clock, TaskSettings settings, TaskOutputs outputs) {
        this.engine = engine;
        this.clock = clock;
        this.settings = settings;
        this.stopper = new TaskStopper(engine, settings, this, outputs);
        this.inspector = new ContainerInspector(engine, settings.taskNetwork());
    }

    // ---- engine events (translated by ContainerEvents) ---------------------------------------------------

    void oomKilled(TaskRecord record, ContainerState state) {
        record.update(r -> state.oomKilled = true);
    }

    void healthChanged(TaskRecord record, ContainerState state, HealthStatus health) {
        record.update(r -> state.healthStatus = health);
    }

    /** A container exited; an essential one stops the task. */
    void containerExited(TaskRecord record, ContainerState state, Optional<Integer> exitCode) {
        // cgroup v2 engines may not send "oom", and may mark the container OOM-killed a moment after its exit:
        // a SIGKILL exit is checked against the engine a few times, briefly
        boolean killed = exitCode.orElse(0) == 137 && !state.oomKilled;
        TaskEngine.Observation seen = killed ? inspector.observeOomKill(state) : null;
        record.update(r -> {
            state.finishedAt = clock.instant();
            if (seen != null && seen.oomKilled()) {
                state.oomKilled = true;
            }
            state.lastStatus = ContainerStatus.STOPPED;
            state.exitCode = exitCode.orElse(state.exitCode);
            if (state.oomKilled) {
                state.reason = OUT_OF_MEMORY;
            }
        });
        if (state.essential) {
            stop(record, StopCode.ESSENTIAL_CONTAINER_EXITED, ESSENTIAL_EXITED);
        }
    }

    // ---- the launcher's progress --------------------------------------------------------------------------

    void pullStarted(TaskRecord record) {
        record.update(r -> r.pullStartedAt = clock.instant());
    }

    /** Images are there: PROVISIONING (awsvpc) becomes PENDING. */
    void pulled(TaskRecord record) {
        record.update(r -> {
            r.pullStoppedAt = clock.instant();
            if (r.lastStatus == TaskStatus.PROVISIONING) {
                r.lastStatus = TaskStatus.PENDING;
            }
        });
    }

    /**
     * Records a created container; false when the task is stopping already (the container is then not started,
     * and goes with the task's other resources).
     */
    boolean created(TaskRecord record, String service, String runtimeId) {
        boolean[] go = {false};
        record.update(r -> {
            if (r.isStoppingOrStopped()) {
                return;
            }
            go[0] = true;
            if (service.equals(r.pauseService)) {
                r.pauseId = runtimeId;
            } else {
                r.containers.get(service).runtimeId = runtimeId;
            }
        });
        return go[0];
    }

    /** The awsvpc pause container runs: its address and MAC are the task's ENI. */
    void interfaceAttached(TaskRecord record, TaskEngine.Observation pause) {
        record.update(r -> {
            r.privateIp = pause.ip().orElse(null);
            r.macAddress = pause.mac().orElse(null);
        });
    }

    /** A container started (its start call returned, or its start event came): RUNNING with its bindings. */
    void containerStarted(TaskRecord record, ContainerState state, TaskEngine.Observation seen) {
        record.update(r -> {
            if (state.lastStatus != ContainerStatus.PENDING) {
                return;
            }
            state.lastStatus = ContainerStatus.RUNNING;
            state.startedAt = clock.instant();
            if (seen != null) {
                state.ip = seen.ip().orElse(null);
                state.networkBindings = seen.ports().stream().map(p -> new NetworkBinding(p.hostIp(),
                        p.containerPort(), p.hostPort(), p.protocol().toLowerCase(Locale.ROOT), null, null)).toList();
                seen.imageDigest().ifPresent(d -> state.imageDigest = d);
            }
            promoteIfRunning(r);
        });
    }

    /** The endpoint saw a container's address before its start was recorded. */
    void addressSeen(TaskRecord record, ContainerState state, String ip) {
        record.update(r -> state.ip = ip);
    }

    /** The launch failed: containers that never ran are STOPPED without exit code, the task stops. */
    void launchFailed(TaskRecord record, String container, String reason) {
        record.update(r -> {
            ContainerState failed = container == null ? null : r.containers.get(container);
            if (failed != null) {
                failed.reason = reason;
                if (failed.lastStatus != ContainerStatus.RUNNING) {
                    // it never ran: ECS shows no exit code (Docker would report 127 for a failed start)
                    failed.lastStatus = ContainerStatus.STOPPED;
                }
            }
            for (ContainerState c : r.containers.values()) {
                if (c.runtimeId == null) {
                    c.lastStatus = ContainerStatus.STOPPED;
                    if (failed == null && c.reason == null) {
                        c.reason = reason;
                    }
                }
            }
        });
        stop(record, StopCode.TASK_FAILED_TO_START, reason);
    }

    /** PENDING → RUNNING once every essential container runs. */
    private void promoteIfRunning(TaskRecord r) {
        if (r.desiredStatus != TaskStatus.RUNNING || r.lastStatus == TaskStatus.RUNNING || r.isStoppingOrStopped()) {
            return;
        }
        if (r.containers.values().stream().filter(c -> c.essential).allMatch(ContainerState::running)) {
            Instant now = clock.instant();
            r.lastStatus = TaskStatus.RUNNING;
            r.startedAt = r.startedAt == null ? now : r.startedAt;
            r.connectivityAt = r.connectivityAt == null ? now : r.connectivityAt;
        }
    }

    // ---- stopping -----------------------------------------------------------------------------------------

    /**
     * Desired STOPPED with a stop code; containers are stopped in the background, then the task finishes.
     *
     * @return whether this call changed the task (false when it was being stopped already)
     */
    boolean stop(TaskRecord record, StopCode stopCode, String reason) {
        boolean[] first = {false};
        record.update(r -> {
            if (r.desiredStatus == TaskStatus.STOPPED) {
                return;
            }
            first[0] = true;
            r.desiredStatus = TaskStatus.STOPPED;
            r.stopCode = stopCode;
            r.stoppedReason = reason;
            r.stoppingAt = clock.instant();
            if (r.lastStatus != TaskStatus.STOPPED) {
                r.lastStatus = r.awsvpc() ? TaskStatus.DEACTIVATING : TaskStatus.STOPPING;
            }
        });
        if (first[0]) {
            Thread.ofVirtual().name("stop-" + record.taskId).start(() -> stopper.stopContainers(record));
        }
        return first[0];
    }

    /** Stops every container that may run, then finishes the task (see {@link TaskStopper}). */
    void stopContainers(TaskRecord record) {
        stopper.stopContainers(record);
    }

    /** A container the engine reports stopped (its exit code and OOM kill, when the engine says). */
    void containerStopped(TaskRecord record, ContainerState c, TaskEngine.Observation seen) {
        record.update(r -> {
            c.lastStatus = ContainerStatus.STOPPED;
            if (seen != null) {
                seen.exitCode().ifPresent(code -> c.exitCode = code);
                if (seen.oomKilled() && c.reason == null) {
                    c.reason = OUT_OF_MEMORY;
                }
            }
        });
    }

    /** Every container has stopped: awsvpc tasks deprovision their interface next. */
    void executionStopped(TaskRecord record) {
        record.update(r -> {
            r.executionStoppedAt = clock.instant();
            r.containers.values().forEach(c -> c.lastStatus = ContainerStatus.STOPPED);
            if (r.awsvpc()) {
                r.lastStatus = TaskStatus.DEPROVISIONING;
            }
        });
    }

    /** Final. */
    void stopped(TaskRecord record) {
        record.update(r -> {
            r.lastStatus = TaskStatus.STOPPED;
            r.stoppedAt = clock.instant();
        });
    }

    /** Removes a task's containers, networks and volumes from the engine (failures are logged). */
    void remove(TaskRecord record) {
        stopper.remove(record);
    }

    // ---- recovery -----------------------------------------------------------------------------------------

    /**
     * After a restart: applies what the engine shows of a task's containers (exits that happened meanwhile); a
     * container the engine no longer has is STOPPED, as the agent reports a container it cannot inspect.
     *
     * @return containers running on the engine that the record still has PENDING (started after the last save)
     */
    List<Map.Entry<ContainerState, TaskEngine.Observation>> recovered(TaskRecord record,
                                                                   Map<String, TaskEngine.Observation> seen) {
        List<Map.Entry<ContainerState, TaskEngine.Observation>> started = new ArrayList<>();
        record.update(r -> {
            for (ContainerState c : r.containers.values()) {
                if (c.runtimeId != null && !c.stopped() && !seen.containsKey(c.name)) {
                    c.lastStatus = ContainerStatus.STOPPED;
                    c.reason = VANISHED;
                }
            }
            for (Map.Entry<String, TaskEngine.Observation> entry : seen.entrySet()) {
                ContainerState c = r.containers.get(entry.getKey());
                TaskEngine.Observation o = entry.getValue();
                if (c == null) {
                    r.pauseService = entry.getKey();
                    r.pauseId = o.id();
                    continue;
                }
                c.runtimeId = o.id();
                if (o.running() && c.lastStatus == ContainerStatus.PENDING) {
                    started.add(Map.entry(c, o)); // started after the last save: recorded as a start, if at all
                } else {
                    c.lastStatus = o.running() ? ContainerStatus.RUNNING : ContainerStatus.STOPPED;
                }
                o.exitCode().ifPresent(code -> c.exitCode = code);
                o.health().map(HealthStatus::of).ifPresent(h -> c.healthStatus = h);
                if (o.oomKilled()) {
                    c.reason = OUT_OF_MEMORY;
                }
            }
        });
        return started;
    }

    /** What the engine shows of a container now, or null when it cannot say. */
    TaskEngine.Observation observe(ContainerState state) {
        return inspector.observe(state);
    }
}
