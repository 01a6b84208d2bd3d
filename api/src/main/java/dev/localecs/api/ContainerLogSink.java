package dev.localecs.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Delivers containers' output somewhere (CloudWatch Logs for {@code awslogs}, as the ECS agent's log drivers
 * do). For each container of a task whose definition has a {@code logConfiguration}, the runtime asks the
 * sinks, in name order, just before the container starts; the first that opens a {@link ContainerLog} gets the
 * container's output lines as the engine recorded them, with their timestamps. The engine keeps its own copy
 * ({@code docker logs} works as ever).
 *
 * <p>Ordering guarantee: the runtime reports the task STOPPED only after every container's
 * {@link ContainerLog#end()} has completed (bounded by {@code logs.stop-wait-seconds}), so a client that sees
 * STOPPED finds the whole output delivered.
 */
public interface ContainerLogSink extends ExtensionPoint {

    /**
     * The sink's stable name, used in logs.
     *
     * @return e.g. {@code awslogs}
     */
    String name();

    /**
     * Opens the delivery of one container's output, before the container starts.
     *
     * @param source the container and its log configuration
     * @return the receiver, or empty when this sink does not deliver this container's output (another driver,
     *     delivery switched off)
     * @throws dev.localecs.api.error.LogDriverException when the log driver cannot be initialized (a missing
     *     log group): the container does not start and its reason says why, as ECS shows it
     */
    Optional<ContainerLog> open(ContainerLogSource source);
}
