package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One event an ECS-emulating plugin publishes for EventBridge ({@link EcsEvents}), in the shape AWS sends it:
 * the bus adds {@code id}, {@code version}, {@code account} and {@code region} itself.
 *
 * @param source the event's {@code source}, {@code aws.ecs} for ECS
 * @param detailType the {@code detail-type}, e.g. {@code ECS Service Action} or {@code ECS Deployment State Change}
 * @param resources the ARNs the event is about (a service's events: the service ARN)
 * @param detail the {@code detail} object as JSON text
 * @param time the event's {@code time}
 */
public record EcsEvent(String source, String detailType, List<String> resources, String detail, Instant time) {

    /** The {@code source} of every ECS event. */
    public static final String ECS_SOURCE = "aws.ecs";

    /**
     * Checks the parts and copies the resources.
     *
     * @throws NullPointerException when a part is null
     */
    public EcsEvent {
        requireNonNull(source, "source is null");
        requireNonNull(detailType, "detailType is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
        requireNonNull(detail, "detail is null");
        requireNonNull(time, "time is null");
    }
}
