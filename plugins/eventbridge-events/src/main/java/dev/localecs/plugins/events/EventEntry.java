package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One event for PutEvents, as the AWS service that owns it sends it. EventBridge adds {@code id},
 * {@code version}, {@code account} and {@code region} itself.
 *
 * @param source e.g. {@code aws.ecs}
 * @param detailType e.g. {@code ECS Task State Change}
 * @param resources the ARNs the event is about
 * @param detail the {@code detail} object as JSON text
 * @param time the event's {@code time}
 */
record EventEntry(String source, String detailType, List<String> resources, String detail, Instant time) {

    EventEntry {
        requireNonNull(source, "source is null");
        requireNonNull(detailType, "detailType is null");
        resources = List.copyOf(resources);
        requireNonNull(detail, "detail is null");
        requireNonNull(time, "time is null");
    }
}
