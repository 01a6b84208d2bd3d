package dev.localecs.runtime.tasks;

import java.util.logging.Logger;

/** Reads a container's state from the engine (an inspect), for the few facts events do not carry. */
final class ContainerInspector {
    private static final Logger LOG = Logger.getLogger(ContainerInspector.class.getName());

    private final TaskEngine engine;
    private final String taskNetwork;

    ContainerInspector(TaskEngine engine, String taskNetwork) {
        this.engine = engine;
        this.taskNetwork = taskNetwork;
    }

    /** What the engine shows of a container now, or null when it cannot say. */
    TaskEngine.Observation observe(ContainerState state) {
        try {
            return state.runtimeId == null ? null : engine.observe(state.runtimeId, taskNetwork);
        } catch (RuntimeException e) {
            LOG.fine("Cannot inspect " + state.runtimeId + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * After a SIGKILL exit: cgroup v2 engines may not send "oom", and may mark the container OOM-killed a moment
     * after its exit, so the engine is asked a few times, briefly (at most 200 ms more).
     */
    TaskEngine.Observation observeOomKill(ContainerState state) {
        TaskEngine.Observation seen = observe(state);
        for (int attempt = 0; attempt < 4 && seen != null && !seen.oomKilled() && !state.oomKilled; attempt++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = observe(state);
        }
        return seen;
    }
}
