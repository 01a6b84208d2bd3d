package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.List;
import java.util.Optional;

/** ECS's launch types and how RunTask and CreateService pick one, in one place. */
public final class LaunchTypes {
    /** Every launch type, in the order ECS lists them (and counts them in cluster statistics). */
    public static final List<String> ALL = List.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");

    /** The launch types whose tasks are placed on a container instance. */
    private static final List<String> ON_INSTANCE = List.of("EC2", "EXTERNAL");

    private LaunchTypes() {
    }

    /**
     * Whether tasks of a launch type are placed on the container instance (EC2 and EXTERNAL) rather than run
     * without one (FARGATE).
     *
     * @param launchType the launch type
     * @return true for EC2 and EXTERNAL
     */
    public static boolean onInstance(String launchType) {
        return ON_INSTANCE.contains(launchType);
    }

    /**
     * The launch type of a request: the one given, else the first capacity provider's (FARGATE and
     * FARGATE_SPOT mean FARGATE, any other EC2), else EC2.
     *
     * @param launchType the request's {@code launchType}, if any
     * @param firstProvider the first {@code capacityProviderStrategy} item's provider, when a strategy is given
     * @return the launch type
     * @throws EcsException {@code InvalidParameterException} for both given, or an unknown launch type
     */
    public static String resolve(Optional<String> launchType, Optional<String> firstProvider) {
        if (launchType.isPresent() && firstProvider.isPresent()) {
            throw EcsException.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
                    + "supported. Remove one and try again.");
        }
        String resolved = launchType.orElseGet(() -> firstProvider.map(p -> p.startsWith("FARGATE") ? "FARGATE" : "EC2")
                .orElse("EC2"));
        requireKnown(resolved);
        return resolved;
    }

    /**
     * Refuses a launch type ECS does not know.
     *
     * @param launchType the value
     * @throws EcsException {@code InvalidParameterException} listing the valid values
     */
    public static void requireKnown(String launchType) {
        if (!ALL.contains(launchType)) {
            throw EcsException.invalidParameter("Invalid launchType '" + launchType + "'. Valid values: " + ALL + ".");
        }
    }

    /**
     * Whether a task definition can run with a launch type (FARGATE needs FARGATE among its compatibilities).
     *
     * @param launchType the launch type
     * @param definition the task definition
     * @return false for FARGATE on a definition not compatible with it
     */
    public static boolean supports(String launchType, TaskDefinition definition) {
        return !launchType.equals("FARGATE")
                || definition.compatibilities() != null && definition.compatibilities().contains("FARGATE");
    }
}
