package dev.localecs.runtime.tasks;

import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.Task;
import java.util.Map;

/**
 * A task as written to {@code state.dir/tasks/<id>.json}: what DescribeTasks shows plus what the runtime
 * needs to keep tracking it after a restart.
 *
 * @param task the task as ECS shows it
 * @param spec how it was launched
 * @param project its compose project
 * @param endpointId its credential/metadata id
 * @param stopTimeouts stop timeout per container, seconds
 * @param essential whether each container is essential
 * @param pauseId the pause container id, if any
 */
public record PersistedTask(Task task, RunTaskSpec spec, String project, String endpointId,
                            Map<String, Integer> stopTimeouts, Map<String, Boolean> essential, String pauseId) {
}
