package dev.localecs.api;

import dev.localecs.api.model.Failure;
import dev.localecs.api.model.Task;
import java.util.List;

/**
 * What a placement did.
 *
 * @param tasks the tasks launched
 * @param failures one failure per reason a copy could not be placed ({@code RESOURCE:MEMORY}, …)
 */
public record PlacementResult(List<Task> tasks, List<Failure> failures) {

    /**
     * Copies the lists.
     *
     * @param tasks the tasks
     * @param failures the failures
     */
    public PlacementResult {
        tasks = List.copyOf(tasks);
        failures = List.copyOf(failures);
    }
}
