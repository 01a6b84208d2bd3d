package dev.localecs.plugins.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.EcsAction;
import dev.localecs.testing.FakePluginContext;
import dev.localecs.testing.MovableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The plugin's actions on a {@link FakePluginContext} with its own state folder and a clock tests move. */
final class LogsHarness implements AutoCloseable {
    /** A fixed "now": 2026-01-01T00:00:00Z. */
    static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final MovableClock clock = new MovableClock(Instant.ofEpochMilli(NOW));
    private final FakePluginContext context;
    private final Map<String, EcsAction> actions;

    LogsHarness(Path stateDir) {
        this(stateDir, Map.of());
    }

    LogsHarness(Path stateDir, Map<String, String> config) {
        context = new FakePluginContext().clock(clock).config("state.dir", stateDir.toString());
        config.forEach(context::config);
        List<Function<FakePluginContext, EcsAction>> all = List.of(CreateLogGroupAction::new,
                DeleteLogGroupAction::new, DescribeLogGroupsAction::new, CreateLogStreamAction::new,
                DeleteLogStreamAction::new, DescribeLogStreamsAction::new, PutLogEventsAction::new,
                GetLogEventsAction::new, FilterLogEventsAction::new, PutRetentionPolicyAction::new,
                DeleteRetentionPolicyAction::new, TagResourceAction::new, UntagResourceAction::new,
                ListTagsForResourceAction::new);
        actions = all.stream().map(make -> make.apply(context))
                .collect(Collectors.toMap(EcsAction::name, action -> action));
    }

    FakePluginContext context() {
        return context;
    }

    /** Calls an operation by name. */
    JsonNode call(String operation, String body) {
        return context.call(actions.get(operation), body);
    }

    void advance(long millis) {
        clock.advance(java.time.Duration.ofMillis(millis));
    }

    void group(String name) {
        call("CreateLogGroup", "{\"logGroupName\":\"" + name + "\"}");
    }

    void stream(String group, String name) {
        call("CreateLogStream", "{\"logGroupName\":\"" + group + "\",\"logStreamName\":\"" + name + "\"}");
    }

    /** Puts events given as timestamp offsets from {@link #NOW} with messages {@code m<offset>}, unless named. */
    JsonNode put(String group, String stream, String... events) {
        return call("PutLogEvents", "{\"logGroupName\":\"" + group + "\",\"logStreamName\":\"" + stream
                + "\",\"logEvents\":[" + String.join(",", events) + "]}");
    }

    static String event(long offset, String message) {
        return "{\"timestamp\":" + (NOW + offset) + ",\"message\":" + quote(message) + "}";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static List<String> messages(JsonNode response) {
        return response.get("events").findValuesAsText("message");
    }

    /** Closes the store as the worker's stop does: flushed and forgotten, so the next use reads the files. */
    @Override
    public void close() {
        LogStores.close(context);
    }

}
