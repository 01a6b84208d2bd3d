package dev.localecs.runtime.tasks;

import java.util.Optional;

/**
 * Turns the engine's container events ({@code start}, {@code die}, {@code oom}, {@code health_status: …}) into
 * lifecycle transitions of the task they belong to; a stopped task is final, so late events change nothing.
 */
final class ContainerEvents implements TaskEngine.EventListener {
    private final TaskHistory history;
    private final TaskLifecycle lifecycle;

    ContainerEvents(TaskHistory history, TaskLifecycle lifecycle) {
        this.history = history;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onEvent(String taskArn, String container, String action, Optional<Integer> exitCode) {
        TaskRecord record = history.get(taskArn.substring(taskArn.lastIndexOf('/') + 1)).orElse(null);
        if (record == null || container.equals(record.pauseService) || record.isStopped()) {
            return;
        }
        ContainerState state = record.container(container);
        if (state == null) {
            return;
        }
        switch (action) {
            case "start" -> {
                boolean pending;
                synchronized (record) {
                    pending = state.lastStatus == ContainerStatus.PENDING;
                }
                if (pending) {
                    lifecycle.containerStarted(record, state, lifecycle.observe(state));
                }
            }
            case "oom" -> lifecycle.oomKilled(record, state);
            case "die" -> {
                if (exitCode.orElse(0) == 137) {
                    // a SIGKILL exit may be re-inspected for a late OOM mark: off the engine's one event thread
                    Thread.ofVirtual().name("exit-" + record.taskId + "-" + container)
                            .start(() -> lifecycle.containerExited(record, state, exitCode));
                } else {
                    lifecycle.containerExited(record, state, exitCode);
                }
            }
            default -> {
                if (action.startsWith("health_status")) {
                    if (action.endsWith("unhealthy")) {
                        lifecycle.healthChanged(record, state, HealthStatus.UNHEALTHY);
                    } else if (action.endsWith("healthy")) {
                        lifecycle.healthChanged(record, state, HealthStatus.HEALTHY);
                    }
                }
            }
        }
    }
}
