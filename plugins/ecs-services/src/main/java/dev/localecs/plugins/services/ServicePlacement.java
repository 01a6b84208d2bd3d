package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.LaunchTypes;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Failure;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.api.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a service's tasks where ECS would: EC2 and EXTERNAL tasks through the container instance's placement
 * (CPU, memory and host ports reserved by the tasks already there, and the service's {@code placementConstraints}),
 * the others (FARGATE) at once. A task that fits nowhere is not started; the service says why in ECS's words and
 * the scheduler tries again at its next look.
 */
final class ServicePlacement {
    /** What the placement answers when the cluster has no ACTIVE container instance. */
    private static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
    private static final PlacementStrategy SPREAD_ACROSS_ZONES = new PlacementStrategy("spread",
            "attribute:ecs.availability-zone");
    /** What a DAEMON service's tasks are placed with: one per instance. */
    private static final PlacementConstraint DISTINCT_INSTANCE = new PlacementConstraint("distinctInstance", null);
    private static final Map<String, String> CLOSEST = Map.of(
            "RESOURCE:CPU", "has insufficient CPU units available",
            "RESOURCE:MEMORY", "has insufficient memory available",
            "RESOURCE:PORTS", "is already using a port required by your task",
            "RESOURCE:PORTS_UDP", "is already using a port required by your task");

    /**
     * What a start did.
     *
     * @param started the tasks started
     * @param unplaced the service event saying why a task could not be placed, when one could not
     */
    record Outcome(List<Task> started, Optional<String> unplaced) {
    }

    /**
     * Says a placement problem once per cause, as ECS omits duplicate service event messages until the cause is
     * resolved: again only after every wanted task could be placed, or when the cause changes.
     */
    static final class News {
        private final Map<String, String> announced = new ConcurrentHashMap<>();

        /**
         * The event to add for one start, if any.
         *
         * @param key the service (or task set) the start was for
         * @param outcome what the start did
         * @return the message to add to the service's events, when it is news
         */
        Optional<String> of(String key, Outcome outcome) {
            if (outcome.unplaced().isEmpty()) {
                announced.remove(key);
                return Optional.empty();
            }
            String message = outcome.unplaced().get();
            return message.equals(announced.put(key, message)) ? Optional.empty() : Optional.of(message);
        }
    }

    private ServicePlacement() {
    }

    /**
     * Starts up to {@code count} tasks of a spec for a service.
     *
     * @param context the plugin context
     * @param subject who starts them in service events: {@code service web}, {@code service web, taskSet ecs-svc/1}
     * @param service the service (its placement constraints)
     * @param spec the task to start (its launch type decides whether it is placed)
     * @param count how many
     * @return the tasks started, and why the others were not
     */
    static Outcome start(PluginContext context, String subject, StoredService service, RunTaskSpec spec, int count) {
        if (!LaunchTypes.onInstance(spec.launchType())) {
            List<Task> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(context.tasks().run(spec));
            }
            return new Outcome(started, Optional.empty());
        }
        return place(context, subject, service, spec, count, List.of(), Optional.empty());
    }

    /**
     * Starts one task of a DAEMON service on each of the given container instances, each placed with an implied
     * {@code distinctInstance} (an instance never runs two) and the service's constraints.
     *
     * @param context the plugin context
     * @param subject who starts them in service events
     * @param service the service
     * @param spec the task to start
     * @param instances the instances' ARNs
     * @return the tasks started, and why the others were not (the first reason)
     */
    static Outcome startOn(PluginContext context, String subject, StoredService service, RunTaskSpec spec,
                           List<String> instances) {
        List<Task> started = new ArrayList<>();
        Optional<String> unplaced = Optional.empty();
        for (String instance : instances) {
            Outcome one = place(context, subject, service, spec, 1, List.of(DISTINCT_INSTANCE),
                    Optional.of(instance));
            started.addAll(one.started());
            unplaced = unplaced.or(one::unplaced);
        }
        return new Outcome(started, unplaced);
    }

    private static Outcome place(PluginContext context, String subject, StoredService service, RunTaskSpec spec,
                                 int count, List<PlacementConstraint> implied, Optional<String> instance) {
        List<PlacementConstraint> constraints = new ArrayList<>(implied);
        constraints.addAll(constraints(context, service.members().path("placementConstraints")));
        PlacementResult placed;
        try {
            placed = context.containerInstances().place(new PlacementRequest(spec, count, constraints,
                    strategies(context, service.members().path("placementStrategy")), instance,
                    context.tasks()::run));
        } catch (EcsException e) {
            if (!NO_INSTANCES.equals(e.getMessage())) {
                throw e;
            }
            // the cluster's container instance is DRAINING or deregistered: nothing to place on, nothing failed
            return new Outcome(List.of(), Optional.of(unplaced(subject, new Failure(null, "MISSING", null))));
        }
        return new Outcome(placed.tasks(), placed.failures().stream().findFirst()
                .map(failure -> unplaced(subject, failure)));
    }

    /** The service event for a task that fits on no container instance, as ECS writes it. */
    static String unplaced(String subject, Failure failure) {
        String message = "(" + subject + ") was unable to place a task because no container instance met "
                + "all of its requirements.";
        String closest = CLOSEST.get(failure.reason());
        if (closest == null || failure.arn() == null) {
            return message;
        }
        return message + " The closest matching (container-instance "
                + failure.arn().substring(failure.arn().lastIndexOf('/') + 1) + ") " + closest + ".";
    }

    /** The service's strategies; none is ECS's default for services, spread across Availability Zones. */
    private static List<PlacementStrategy> strategies(PluginContext context, JsonNode given) {
        List<PlacementStrategy> strategies = new ArrayList<>();
        if (given.isArray()) {
            given.forEach(strategy -> strategies.add(context.json().convertValue(strategy, PlacementStrategy.class)));
        }
        return strategies.isEmpty() ? List.of(SPREAD_ACROSS_ZONES) : strategies;
    }

    private static List<PlacementConstraint> constraints(PluginContext context, JsonNode given) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        if (given.isArray()) {
            given.forEach(constraint -> constraints.add(context.json().convertValue(constraint,
                    PlacementConstraint.class)));
        }
        return constraints;
    }
}
