package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import java.util.List;
import java.util.Optional;

/**
 * Where ECS placement put a task and by which rules, for an engine that runs tasks on several machines and
 * carries the choice to its own scheduler (a Kubernetes Pod's node affinity and topology spread).
 *
 * @param machine the engine machine chosen (a node name); empty for an engine with one machine
 * @param constraints the constraints the task was placed by: the request's and its definition's
 * @param strategies the strategies the task was placed by
 * @param group the task group the rules count ({@code distinctInstance}, {@code spread}); empty when unplaced
 * @param availabilityZone the chosen instance's {@code ecs.availability-zone}; empty when unplaced
 */
public record TaskPlacement(Optional<String> machine, List<PlacementConstraint> constraints,
                            List<PlacementStrategy> strategies, Optional<String> group,
                            Optional<String> availabilityZone) {

    /** A task placed by no rule on an engine's only machine (Fargate tasks, single-machine engines). */
    public static final TaskPlacement NONE = new TaskPlacement(Optional.empty(), List.of(), List.of(),
            Optional.empty(), Optional.empty());

    /**
     * Validates the components.
     *
     * @param machine the machine
     * @param constraints the constraints
     * @param strategies the strategies
     * @param group the group
     * @param availabilityZone the zone
     */
    public TaskPlacement {
        requireNonNull(machine, "machine is null");
        constraints = List.copyOf(constraints);
        strategies = List.copyOf(strategies);
        requireNonNull(group, "group is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
    }
}
