package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tasks to place on a cluster's container instances.
 *
 * @param spec the task to launch (its definition, overrides and group decide its reservations)
 * @param count how many copies
 * @param constraints the request's placement constraints (the definition's are added by the placement)
 * @param strategies the placement strategies, in order (none: random, as RunTask's default)
 * @param instance the one instance to place on (StartTask's), by ARN or id; empty for any
 * @param launch launches one copy, given the spec as placed ({@link RunTaskSpec#placement()}); called under
 *        the placement lock
 */
public record PlacementRequest(RunTaskSpec spec, int count, List<PlacementConstraint> constraints,
                               List<PlacementStrategy> strategies, Optional<String> instance,
                               Function<RunTaskSpec, Task> launch) {

    /**
     * Validates the components.
     *
     * @param spec the spec
     * @param count the count
     * @param constraints the constraints
     * @param strategies the strategies
     * @param instance the instance
     * @param launch the launcher
     */
    public PlacementRequest {
        requireNonNull(spec, "spec is null");
        constraints = List.copyOf(constraints);
        strategies = List.copyOf(strategies);
        requireNonNull(instance, "instance is null");
        requireNonNull(launch, "launch is null");
    }
}
