package dev.localecs.runtime.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine side of stopping a task: each container that may run is stopped with its stop timeout (in
 * parallel), exit codes not seen yet are read, the pause container goes, and with {@code remove-containers:
 * immediately} everything is removed before the task is STOPPED. Every status change is the lifecycle's.
 */
final class TaskStopper {
    private static final Logger LOG = Logger.getLogger(TaskStopper.class.getName());

    private final TaskEngine engine;
    private final TaskSettings settings;
    private final TaskLifecycle lifecycle;
    private final TaskOutputs outputs;

    TaskStopper(TaskEngine engine, TaskSettings settings, TaskLifecycle lifecycle, TaskOutputs outputs) {
        this.outputs = outputs;
        this.engine = engine;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** Stops every container that may run, then finishes the task. */
    void stopContainers(TaskRecord record) {
        List<Thread> stops = new ArrayList<>();
        for (ContainerState c : record.containers.values()) {
            String id;
            synchronized (record) {
                id = c.stopped() ? null : c.runtimeId;
            }
            if (id != null) {
                stops.add(Thread.ofVirtual().start(() -> quietly("Stopping " + c.name + " of task " + record.taskId,
                        () -> engine.stop(id, c.stopTimeout))));
            }
        }
        try {
            for (Thread stop : stops) {
                stop.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        finish(record);
    }

    /**
     * Every container has stopped: record exit codes not yet seen, stop the pause container, wait (bounded) for the
     * containers' output to be delivered, STOPPED.
     */
    private void finish(TaskRecord record) {
        for (ContainerState c : record.containers.values()) {
            boolean unseen;
            synchronized (record) {
                unseen = c.runtimeId != null && !c.stopped();
            }
            if (unseen) {
                lifecycle.containerStopped(record, c, lifecycle.observe(c));
            }
        }
        lifecycle.executionStopped(record);
        if (record.pauseId != null) {
            quietly("Stopping the pause container of " + record.taskId, () -> engine.stop(record.pauseId, 2));
        }
        // every line the containers wrote is delivered before STOPPED (and before the containers are removed)
        outputs.awaitDelivered(record);
        if (settings.removeContainers() == TaskSettings.RemoveContainers.IMMEDIATELY) {
            // deprovisioned before STOPPED, so a STOPPED task has nothing left on the engine
            remove(record);
        }
        lifecycle.stopped(record);
    }

    /** Removes a task's containers, networks and volumes from the engine (failures are logged). */
    void remove(TaskRecord record) {
        quietly("Cleaning up task " + record.taskId, () -> engine.remove(record.project));
    }

    private static void quietly(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }
}
