package dev.localecs.runtime.tasks;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * After a restart: stopped tasks come back from disk as history; tasks that were running keep being
 * tracked from their containers (exits that happened meanwhile are applied, their output is followed again); a
 * launch that was cut off
 * half-way is stopped and cleaned, never left as orphans.
 */
final class TaskRecovery {
    private static final Logger LOG = Logger.getLogger(TaskRecovery.class.getName());
    static final String INTERRUPTED = "Task launch was interrupted by a restart of local-ecs-api.";

    private final TaskHistory history;
    private final TaskLifecycle lifecycle;
    private final TaskEngine engine;
    private final TaskOutputs outputs;
    private final LaunchResources resources;

    TaskRecovery(TaskHistory history, TaskLifecycle lifecycle, TaskEngine engine, TaskOutputs outputs,
                 LaunchResources resources) {
        this.outputs = outputs;
        this.resources = resources;
        this.history = history;
        this.lifecycle = lifecycle;
        this.engine = engine;
    }

    void recover(List<PersistedTask> saved) {
        for (PersistedTask task : saved) {
            TaskRecord record = history.adopt(task);
            if (record.isStopped()) {
                continue;
            }
            Map<String, TaskEngine.Observation> seen;
            try {
                seen = engine.containers(record.taskArn);
            } catch (RuntimeException e) {
                LOG.warning("Cannot reach the task engine to recover task " + record.taskId
                        + "; it keeps its last known state: " + e.getMessage());
                continue;
            }
            List<Map.Entry<ContainerState, TaskEngine.Observation>> started = lifecycle.recovered(record, seen);
            // a launch that got every container going before the crash went on: the task is adopted as it runs
            if (record.containers.keySet().stream().allMatch(seen::containsKey)) {
                started.forEach(s -> lifecycle.containerStarted(record, s.getKey(), s.getValue()));
            }
            // the output of containers still on the engine is followed again (the stop below waits for it)
            seen.forEach((container, observation) -> {
                if (record.containers.containsKey(container)) {
                    outputs.resume(engine, record, container, observation.id(), resources);
                }
            });
            boolean stopping;
            boolean launched;
            boolean essentialExited;
            synchronized (record) {
                stopping = record.desiredStatus == TaskStatus.STOPPED;
                launched = record.lastStatus == TaskStatus.RUNNING || stopping;
                essentialExited = record.containers.values().stream().anyMatch(c -> c.essential && c.stopped());
            }
            LOG.info("Recovering task " + record.taskId + " (" + record.lastStatus + ", " + seen.size()
                    + " containers)");
            if (!launched) {
                lifecycle.stop(record, StopCode.TASK_FAILED_TO_START, INTERRUPTED);
            } else if (stopping) {
                Thread.ofVirtual().name("stop-" + record.taskId).start(() -> lifecycle.stopContainers(record));
            } else if (essentialExited) {
                lifecycle.stop(record, StopCode.ESSENTIAL_CONTAINER_EXITED, TaskLifecycle.ESSENTIAL_EXITED);
            }
        }
    }
}
