package dev.localecs.runtime.tasks;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * After a restart: stopped tasks come back from disk as history; tasks that were running keep being
 * tracked from their containers (exits that happened meanwhile are applied); a launch that was cut off
 * half-way is stopped and cleaned, never left as orphans.
 */
final class TaskRecovery {
    private static final Logger LOG = Logger.getLogger(TaskRecovery.class.getName());
    static final String INTERRUPTED = "Task launch was interrupted by a restart of local-ecs-api.";

    private final TaskManager manager;

    TaskRecovery(TaskManager manager) {
        this.manager = manager;
    }

    void recover(List<PersistedTask> saved) {
        for (PersistedTask task : saved) {
            TaskRecord record = manager.adopt(task);
            if (record.isStopped()) {
                continue;
            }
            Map<String, TaskEngine.Observation> seen;
            try {
                seen = manager.engine().containers(record.taskArn);
            } catch (RuntimeException e) {
                LOG.warning("Cannot reach the Docker engine to recover task " + record.taskId
                        + "; it keeps its last known state: " + e.getMessage());
                continue;
            }
            java.util.List<Map.Entry<ContainerState, TaskEngine.Observation>> started = new java.util.ArrayList<>();
            record.update(r -> {
                for (Map.Entry<String, TaskEngine.Observation> entry : seen.entrySet()) {
                    ContainerState c = r.containers.get(entry.getKey());
                    TaskEngine.Observation o = entry.getValue();
                    if (c == null) {
                        r.pauseService = entry.getKey();
                        r.pauseId = o.id();
                        continue;
                    }
                    c.runtimeId = o.id();
                    if (o.running() && "PENDING".equals(c.lastStatus)) {
                        started.add(Map.entry(c, o)); // started after the last save: recorded as a start below
                    } else {
                        c.lastStatus = o.running() ? "RUNNING" : "STOPPED";
                    }
                    o.exitCode().ifPresent(code -> c.exitCode = code);
                    o.health().ifPresent(h -> c.healthStatus = h);
                    if (o.oomKilled()) {
                        c.reason = "OutOfMemoryError: Container killed due to memory usage";
                    }
                }
            });
            // a launch that got every container going before the crash went on: the task is adopted as it runs
            boolean complete = record.containers.keySet().stream().allMatch(seen::containsKey);
            if (complete) {
                started.forEach(s -> manager.markRunning(record, s.getKey(), s.getValue()));
            }
            boolean launched = "RUNNING".equals(record.lastStatus) || "STOPPED".equals(record.desiredStatus);
            LOG.info("Recovering task " + record.taskId + " (" + record.lastStatus + ", " + seen.size()
                    + " containers)");
            if (!launched) {
                manager.initiateStop(record, "TaskFailedToStart", INTERRUPTED);
            } else if ("STOPPED".equals(record.desiredStatus)) {
                Thread.ofVirtual().start(() -> manager.stopContainers(record));
            } else if (record.containers.values().stream().anyMatch(c -> c.essential && c.stopped())) {
                manager.initiateStop(record, "EssentialContainerExited", "Essential container in task exited");
            }
        }
    }
}
