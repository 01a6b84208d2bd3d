package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.model.Failure;
import org.junit.jupiter.api.Test;

/** The service events for tasks that fit nowhere, in ECS's words. */
class ServicePlacementTest {
    private static final String INSTANCE = "arn:aws:ecs:us-east-1:000000000000:container-instance/default/"
            + "5d3c0a1b2c3d4e5f60718293a4b5c6d7";
    private static final String UNABLE = "(service web) was unable to place a task because no container instance met "
            + "all of its requirements.";

    @Test
    void aMissingResourceNamesTheClosestMatchingInstance() {
        assertThat(ServicePlacement.unplaced("service web", new Failure(INSTANCE, "RESOURCE:MEMORY", null)))
                .isEqualTo(UNABLE + " The closest matching (container-instance 5d3c0a1b2c3d4e5f60718293a4b5c6d7) has "
                        + "insufficient memory available.");
        assertThat(ServicePlacement.unplaced("service web", new Failure(INSTANCE, "RESOURCE:CPU", null)))
                .endsWith(") has insufficient CPU units available.");
        assertThat(ServicePlacement.unplaced("service web", new Failure(INSTANCE, "RESOURCE:PORTS", null)))
                .endsWith(") is already using a port required by your task.");
        assertThat(ServicePlacement.unplaced("service web", new Failure(INSTANCE, "RESOURCE:PORTS_UDP", null)))
                .endsWith(") is already using a port required by your task.");
    }

    @Test
    void anUnsatisfiedConstraintOrNoInstanceIsTheSentenceAlone() {
        assertThat(ServicePlacement.unplaced("service web", new Failure(INSTANCE,
                "DistinctInstance placement constraint unsatisfied.", null))).isEqualTo(UNABLE);
        assertThat(ServicePlacement.unplaced("service web", new Failure(null, "MISSING", null))).isEqualTo(UNABLE);
        assertThat(ServicePlacement.unplaced("service web, taskSet ecs-svc/1", new Failure(null, "MISSING", null)))
                .startsWith("(service web, taskSet ecs-svc/1) was unable to place a task");
    }
}
