package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * You can enable a restart policy for each container defined in your task definition, to overcome transient failures faster and maintain task availability.
 *
 * @param enabled Specifies whether a restart policy is enabled for the container.
 * @param ignoredExitCodes A list of exit codes that Amazon ECS will ignore and not attempt a restart on.
 * @param restartAttemptPeriod A period of time (in seconds) that the container must run for before a restart can be attempted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerRestartPolicy(
        Boolean enabled,
        List<Integer> ignoredExitCodes,
        Integer restartAttemptPeriod) {
}
