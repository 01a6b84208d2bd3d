package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What an engine reports of a container beyond {@link TaskEngine.Observation}, for the task metadata endpoint
 * (a Kubernetes Pod's status: the container runtime's id, when the container started and finished, the image it
 * runs, the Pod's address and the zone of its node). Empty parts fall back to the task record.
 *
 * @param dockerId the container runtime's id ({@code DockerId})
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param imageId the image it runs, by digest ({@code ImageID})
 * @param ip its address
 * @param availabilityZone the zone of the machine it runs on
 */
public record ContainerFacts(Optional<String> dockerId, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                             Optional<String> imageId, Optional<String> ip, Optional<String> availabilityZone) {

    /**
     * Validates the components.
     *
     * @param dockerId the id
     * @param startedAt the start
     * @param finishedAt the end
     * @param imageId the image
     * @param ip the address
     * @param availabilityZone the zone
     */
    public ContainerFacts {
        requireNonNull(dockerId, "dockerId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(ip, "ip is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
    }
}
