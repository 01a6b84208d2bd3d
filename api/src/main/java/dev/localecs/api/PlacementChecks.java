package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import java.util.List;

/**
 * The placement parameters of RunTask, CreateService and UpdateService checked as ECS checks them, before anything
 * is placed or stored; the placement ({@link ContainerInstances#place}) then evaluates the constraints and orders
 * the instances by the strategies.
 */
public final class PlacementChecks {
    private static final int MAX_CONSTRAINTS = 10;
    private static final int MAX_STRATEGIES = 5;

    private PlacementChecks() {
    }

    /**
     * Checks placement constraints as ECS does: at most 10, types {@code distinctInstance} (no expression) and
     * {@code memberOf} (an expression the cluster query language accepts).
     *
     * @param given the constraints, or null
     * @param instances the container instances, whose parser checks the expressions
     * @return the constraints (empty for null)
     * @throws EcsException {@code InvalidParameterException} saying what is wrong
     */
    public static List<PlacementConstraint> constraints(List<PlacementConstraint> given, ContainerInstances instances) {
        List<PlacementConstraint> constraints = given == null ? List.of() : given;
        if (constraints.size() > MAX_CONSTRAINTS) {
            throw EcsException.invalidParameter("Number of placement constraints cannot exceed " + MAX_CONSTRAINTS
                    + ".");
        }
        for (PlacementConstraint constraint : constraints) {
            if ("distinctInstance".equals(constraint.type())) {
                if (constraint.expression() != null && !constraint.expression().isEmpty()) {
                    throw EcsException.invalidParameter("An expression cannot be specified for a distinctInstance "
                            + "placement constraint.");
                }
            } else if ("memberOf".equals(constraint.type())) {
                if (constraint.expression() == null || constraint.expression().isBlank()) {
                    throw EcsException.invalidParameter("An expression must be specified for a memberOf placement "
                            + "constraint.");
                }
                instances.checkExpression(constraint.expression());
            } else {
                throw EcsException.invalidParameter("Invalid placement constraint type '" + constraint.type()
                        + "'. Valid values: distinctInstance, memberOf.");
            }
        }
        return constraints;
    }

    /**
     * Checks placement strategies as ECS does: at most 5; {@code random} (no field), {@code binpack} on
     * {@code cpu} or {@code memory}, {@code spread} with a field.
     *
     * @param given the strategies, or null
     * @return the strategies (empty for null)
     * @throws EcsException {@code InvalidParameterException} saying what is wrong
     */
    public static List<PlacementStrategy> strategies(List<PlacementStrategy> given) {
        List<PlacementStrategy> strategies = given == null ? List.of() : given;
        if (strategies.size() > MAX_STRATEGIES) {
            throw EcsException.invalidParameter("Number of placement strategies cannot exceed " + MAX_STRATEGIES
                    + ".");
        }
        for (PlacementStrategy strategy : strategies) {
            String type = strategy.type() == null ? "" : strategy.type();
            switch (type) {
                case "random" -> {
                    if (strategy.field() != null) {
                        throw EcsException.invalidParameter("A field cannot be specified for the random placement "
                                + "strategy.");
                    }
                }
                case "binpack" -> {
                    if (!"cpu".equalsIgnoreCase(String.valueOf(strategy.field()))
                            && !"memory".equalsIgnoreCase(String.valueOf(strategy.field()))) {
                        throw EcsException.invalidParameter("The binpack placement strategy field must be cpu or "
                                + "memory.");
                    }
                }
                case "spread" -> {
                    if (strategy.field() == null || strategy.field().isBlank()) {
                        throw EcsException.invalidParameter("A field must be specified for the spread placement "
                                + "strategy.");
                    }
                }
                default -> throw EcsException.invalidParameter("Invalid placement strategy type '" + type
                        + "'. Valid values: random, spread, binpack.");
            }
        }
        return strategies;
    }
}
