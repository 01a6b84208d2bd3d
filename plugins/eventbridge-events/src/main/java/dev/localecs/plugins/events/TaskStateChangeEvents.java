package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.model.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns task snapshots into "ECS Task State Change" events as ECS sends them: the {@code detail} is the task as
 * DescribeTasks shows it, with its timestamps as ISO-8601 strings (millisecond precision) instead of epoch
 * seconds, an {@code updatedAt}, and without what ECS leaves out of the event (the task's {@code healthStatus}
 * and its {@code tags}). {@code time} is the change's time to the second, {@code resources} the task ARN.
 */
final class TaskStateChangeEvents {
    static final String SOURCE = "aws.ecs";
    static final String DETAIL_TYPE = "ECS Task State Change";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final Map<String, Function<Task, Instant>> TIMESTAMPS = timestamps();

    private final ObjectMapper json;
    private final Clock clock;

    TaskStateChangeEvents(ObjectMapper json, Clock clock) {
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The event for one change.
     *
     * @param task the task right after the change
     * @return the event
     */
    EventEntry event(Task task) {
        Instant updatedAt = updatedAt(task);
        ObjectNode detail = json.valueToTree(task);
        detail.remove(List.of("tags", "healthStatus"));
        TIMESTAMPS.forEach((name, getter) -> {
            Instant value = getter.apply(task);
            if (value != null) {
                detail.put(name, iso(value));
            }
        });
        detail.put("updatedAt", iso(updatedAt));
        try {
            return new EventEntry(SOURCE, DETAIL_TYPE, List.of(task.taskArn()), json.writeValueAsString(detail),
                    updatedAt.truncatedTo(ChronoUnit.SECONDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event of task " + task.taskArn(), e);
        }
    }

    /** When the change happened: now, never before the latest moment the task itself records. */
    private Instant updatedAt(Task task) {
        Instant now = clock.instant();
        return TIMESTAMPS.values().stream().map(getter -> getter.apply(task)).filter(Objects::nonNull)
                .reduce(now, (a, b) -> a.isAfter(b) ? a : b);
    }

    static String iso(Instant instant) {
        return ISO.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Map<String, Function<Task, Instant>> timestamps() {
        Map<String, Function<Task, Instant>> map = new LinkedHashMap<>();
        map.put("createdAt", Task::createdAt);
        map.put("connectivityAt", Task::connectivityAt);
        map.put("pullStartedAt", Task::pullStartedAt);
        map.put("pullStoppedAt", Task::pullStoppedAt);
        map.put("startedAt", Task::startedAt);
        map.put("stoppingAt", Task::stoppingAt);
        map.put("executionStoppedAt", Task::executionStoppedAt);
        map.put("stoppedAt", Task::stoppedAt);
        return Map.copyOf(map);
    }

    /**
     * What makes a change a task state change: the task's last and desired status and each container's last
     * status (ECS sends an event when a container of the task changes state, none for a health change).
     *
     * @param task the task
     * @return the state, equal for snapshots that need no event between them
     */
    static List<String> state(Task task) {
        Stream<String> containers = task.containers() == null ? Stream.empty()
                : task.containers().stream().map(c -> c.name() + "=" + c.lastStatus());
        return Stream.concat(Stream.of(task.lastStatus(), task.desiredStatus()), containers).toList();
    }
}
