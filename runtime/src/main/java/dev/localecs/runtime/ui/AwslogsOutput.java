package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.LogConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One awslogs container's output from the embedded CloudWatch Logs, read through its own GetLogEvents action
 * (stream {@code <prefix>/<container>/<task id>}, as ECS names it), polled while the task runs.
 *
 * @param calls the runtime's actions
 * @param group the log group
 * @param stream the log stream
 * @param container the ECS container name
 */
record AwslogsOutput(ActionCalls calls, String group, String stream, String container) {
    static final Duration POLL = Duration.ofMillis(500);

    /**
     * The awslogs source of a container, when it has one the logs plugin can serve.
     *
     * @param calls the runtime's actions
     * @param definition the container's definition
     * @param taskId the task id
     * @return the source, or empty for Docker's log
     */
    static Optional<AwslogsOutput> of(ActionCalls calls, ContainerDefinition definition, String taskId) {
        LogConfiguration logging = definition.logConfiguration();
        if (logging == null || !"awslogs".equals(logging.logDriver()) || logging.options() == null
                || !calls.serves(ActionCalls.LOGS, "GetLogEvents")) {
            return Optional.empty();
        }
        Map<String, String> options = logging.options();
        String group = options.get("awslogs-group");
        String prefix = options.get("awslogs-stream-prefix");
        if (group == null || prefix == null) {
            return Optional.empty();
        }
        return Optional.of(new AwslogsOutput(calls, group, prefix + "/" + definition.name() + "/" + taskId,
                definition.name()));
    }

    /**
     * Whether the stream exists yet (the delivery creates it when the container first writes).
     *
     * @return true when GetLogEvents answers
     */
    boolean exists() {
        try {
            read(Optional.empty());
            return true;
        } catch (EcsException e) {
            return false;
        }
    }

    /**
     * Writes the stream's events to the sink, then (following) polls for more until {@code done} says the
     * task stopped and a last read found nothing new.
     *
     * @param follow whether to wait for more
     * @param done whether the task stopped
     * @param sink where lines go
     * @throws InterruptedException when interrupted
     */
    void copy(boolean follow, BooleanSupplier done, OutputSink sink) throws InterruptedException {
        Optional<String> token = Optional.empty();
        while (!sink.broken()) {
            boolean last = !follow || done.getAsBoolean();
            JsonNode page;
            try {
                page = read(token);
            } catch (EcsException e) {
                sink.note("Log stream " + group + "/" + stream + ": " + e.getMessage());
                return;
            }
            for (JsonNode event : page.path("events")) {
                sink.line(container, "awslogs", Optional.of(Instant.ofEpochMilli(event.path("timestamp").asLong())),
                        event.path("message").asText());
            }
            Optional<String> next = Optional.ofNullable(page.path("nextForwardToken").textValue());
            boolean moved = !next.equals(token);
            token = next;
            if (!moved || page.path("events").isEmpty()) {
                if (last) {
                    return;
                }
                Thread.sleep(POLL);
            }
        }
    }

    private JsonNode read(Optional<String> token) {
        ObjectNode body = calls.object();
        body.put("logGroupName", group);
        body.put("logStreamName", stream);
        body.put("startFromHead", true);
        token.ifPresent(value -> body.put("nextToken", value));
        return calls.call(ActionCalls.LOGS, "GetLogEvents", body);
    }
}
