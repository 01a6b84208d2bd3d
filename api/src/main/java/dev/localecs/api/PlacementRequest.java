package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tasks to place on the local container instance.
 *
 * @param spec the task to launch (its definition, overrides and group decide its reservations)
 * @param count how many copies
 * @param constraints the request's placement constraints (the definition's are added by the placement)
 * @param launch launches one copy once it fits; called under the placement lock
 */
public record PlacementRequest(RunTaskSpec spec, int count, List<PlacementConstraint> constraints,
                               Supplier<Task> launch) {

    /**
     * Validates the components.
     *
     * @param spec the spec
     * @param count the count
     * @param constraints the constraints
     * @param launch the launcher
     */
    public PlacementRequest {
        requireNonNull(spec, "spec is null");
        constraints = List.copyOf(constraints);
        requireNonNull(launch, "launch is null");
    }
}
