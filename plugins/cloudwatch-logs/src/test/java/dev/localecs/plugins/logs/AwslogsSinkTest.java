package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ContainerLog;
import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.OutputLine;
import dev.localecs.api.error.LogDriverException;
import dev.localecs.testing.RecordingLogsServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The awslogs sink into the embedded store, read back through the plugin's own GetLogEvents. */
class AwslogsSinkTest {
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/default/"
            + "0123456789abcdef0123456789abcdef";
    private static final String CONTAINER_ID = "c".repeat(64);
    @TempDir
    Path state;
    private LogsHarness logs;

    @AfterEach
    void close() {
        if (logs != null) {
            logs.close();
        }
    }

    private AwslogsSink sink(Map<String, String> config) {
        logs = new LogsHarness(state, config);
        return new AwslogsSink(logs.context());
    }

    private static ContainerLogSource source(String driver, Map<String, String> options) {
        return source(driver, options, false);
    }

    private static ContainerLogSource source(String driver, Map<String, String> options, boolean resumed) {
        return new ContainerLogSource(TASK_ARN, "default", "web", CONTAINER_ID, driver, options,
                () -> AwsCredentials.of("AKID", "secret"), resumed);
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }

    private static void write(ContainerLog log, String... lines) throws Exception {
        Instant t = Instant.ofEpochMilli(LogsHarness.NOW);
        for (int i = 0; i < lines.length; i++) {
            log.accept(new OutputLine(t.plusMillis(i), OutputLine.Source.STDOUT, lines[i]));
        }
        log.end().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private JsonNode events(String group, String stream) {
        return logs.call("GetLogEvents", "{\"logGroupName\":\"" + group + "\",\"logStreamName\":\"" + stream
                + "\",\"startFromHead\":true}");
    }

    @Test
    void linesArriveInTheEcsNamedStreamOfAGroupItCreates() throws Exception {
        AwslogsSink sink = sink(Map.of());
        ContainerLog log = sink.open(source("awslogs", options("awslogs-group", "/ecs/app",
                "awslogs-stream-prefix", "svc", "awslogs-create-group", "true", "awslogs-region", "us-east-1",
                "mode", "non-blocking", "max-buffer-size", "4m"))).orElseThrow();
        write(log, "one", "two", "", "three");

        JsonNode events = events("/ecs/app", "svc/web/0123456789abcdef0123456789abcdef");
        assertThat(LogsHarness.messages(events)).containsExactly("one", "two", "three");
        assertThat(events.get("events").get(1).get("timestamp").asLong()).isEqualTo(LogsHarness.NOW + 1);
    }

    @Test
    void aResumedContainerDeliversOnlyWhatTheStreamDoesNotHaveYet() throws Exception {
        AwslogsSink sink = sink(Map.of());
        Map<String, String> options = options("awslogs-group", "g", "awslogs-create-group", "true",
                "awslogs-stream-prefix", "p");
        write(sink.open(source("awslogs", options)).orElseThrow(), "one", "two", "three");
        // after a restart, the engine gives the container's output from its start again, then what came since
        write(sink.open(source("awslogs", options, true)).orElseThrow(), "one", "two", "three", "four", "five");

        assertThat(LogsHarness.messages(events("g", "p/web/0123456789abcdef0123456789abcdef")))
                .containsExactly("one", "two", "three", "four", "five");
    }

    @Test
    void withoutPrefixTheStreamIsTheContainerIdAndAnExistingGroupIsUsed() throws Exception {
        AwslogsSink sink = sink(Map.of());
        logs.group("/ecs/app");
        write(sink.open(source("awslogs", options("awslogs-group", "/ecs/app"))).orElseThrow(), "hello");
        assertThat(LogsHarness.messages(events("/ecs/app", CONTAINER_ID))).containsExactly("hello");
    }

    @Test
    void aMissingGroupWithoutCreateGroupFailsAsTheDriverDoes() {
        AwslogsSink sink = sink(Map.of());
        assertThatThrownBy(() -> sink.open(source("awslogs", options("awslogs-group", "/ecs/none",
                "awslogs-stream-prefix", "svc"))))
                .isInstanceOf(LogDriverException.class)
                .hasMessage("failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log "
                        + "group does not exist.");
    }

    @Test
    void optionsDockerRefusesAreRefused() {
        AwslogsSink sink = sink(Map.of());
        assertThatThrownBy(() -> sink.open(source("awslogs", options("awslogs-group", "g",
                "awslogs-datetime-format", "%Y", "awslogs-multiline-pattern", "^x"))))
                .isInstanceOf(LogDriverException.class).hasMessageContaining("at the same time");
        assertThatThrownBy(() -> sink.open(source("awslogs", options("awslogs-stream-prefix", "p"))))
                .isInstanceOf(LogDriverException.class).hasMessageContaining("'awslogs-group'");
        assertThatThrownBy(() -> sink.open(source("awslogs", options("awslogs-group", "g", "mode", "fast"))))
                .isInstanceOf(LogDriverException.class).hasMessage("logger: unknown mode: fast");
    }

    @Test
    void aMultilinePatternJoinsLinesIntoOneEvent() throws Exception {
        AwslogsSink sink = sink(Map.of());
        ContainerLog log = sink.open(source("awslogs", options("awslogs-group", "g", "awslogs-create-group", "true",
                "awslogs-stream-prefix", "p", "awslogs-multiline-pattern", "^(INFO|ERROR)"))).orElseThrow();
        write(log, "INFO up", "ERROR failed", "java.lang.RuntimeException: x", "\tat a.B.c(B.java:1)", "INFO ok");
        assertThat(LogsHarness.messages(events("g", "p/web/0123456789abcdef0123456789abcdef"))).containsExactly(
                "INFO up\n", "ERROR failed\njava.lang.RuntimeException: x\n\tat a.B.c(B.java:1)\n", "INFO ok\n");
    }

    @Test
    void otherDriversAndDestinationNoneAreNotTaken() {
        assertThat(sink(Map.of()).open(source("json-file", Map.of()))).isEmpty();
        logs.close();
        AwslogsSink none = sink(Map.of("logs.destination", "none"));
        assertThat(none.open(source("awslogs", options("awslogs-group", "g")))).isEqualTo(Optional.empty());
        assertThat(logs.call("DescribeLogGroups", "{}").get("logGroups")).isEmpty();
    }

    @Test
    void upstreamTheContainersEndpointGetsItsEventsWithTheEmfHeaderAndNotTheConfiguredOne() throws Exception {
        try (RecordingLogsServer configured = new RecordingLogsServer();
             RecordingLogsServer own = new RecordingLogsServer()) {
            AwslogsSink sink = sink(Map.of("logs.destination", "upstream",
                    "upstream.logs.endpoint", configured.endpoint().toString()));
            write(sink.open(source("awslogs", options("awslogs-group", "g", "awslogs-stream-prefix", "p",
                    "awslogs-endpoint", own.endpoint().toString(), "awslogs-format", "json/emf",
                    "awslogs-credentials-endpoint", "/v2/credentials/set-by-hand"))).orElseThrow(),
                    "{\"_aws\":{\"CloudWatchMetrics\":[]},\"latency\":12}");

            assertThat(configured.requests()).isEmpty();
            assertThat(own.requests()).extracting(RecordingLogsServer.Request::operation)
                    .containsExactly("CreateLogStream", "PutLogEvents");
            assertThat(own.requests()).allSatisfy(r -> assertThat(r.format()).contains("json/emf"));
            JsonNode put = new com.fasterxml.jackson.databind.ObjectMapper().readTree(own.requests().get(1).body());
            assertThat(put.at("/logEvents/0/message").asText()).as("stored as written")
                    .isEqualTo("{\"_aws\":{\"CloudWatchMetrics\":[]},\"latency\":12}");
            assertThat(put.at("/logStreamName").asText()).isEqualTo("p/web/0123456789abcdef0123456789abcdef");
        }
    }

    @Test
    void upstreamWithoutAFormatNoHeaderIsSentAndTheConfiguredEndpointIsUsed() throws Exception {
        try (RecordingLogsServer configured = new RecordingLogsServer()) {
            AwslogsSink sink = sink(Map.of("logs.destination", "upstream",
                    "upstream.logs.endpoint", configured.endpoint().toString()));
            write(sink.open(source("awslogs", options("awslogs-group", "g", "awslogs-stream-prefix", "p")))
                    .orElseThrow(), "plain");
            assertThat(configured.requests()).extracting(RecordingLogsServer.Request::operation)
                    .containsExactly("CreateLogStream", "PutLogEvents");
            assertThat(configured.requests()).allSatisfy(r -> assertThat(r.format()).isEmpty());
        }
    }

    @Test
    void embeddedTheEndpointIsNotUsedAndSaidOncePerTask() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                said.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AwslogsSink.class.getName());
        logger.addHandler(capture);
        try (RecordingLogsServer elsewhere = new RecordingLogsServer()) {
            AwslogsSink sink = sink(Map.of());
            Map<String, String> options = options("awslogs-group", "g", "awslogs-create-group", "true",
                    "awslogs-stream-prefix", "p", "awslogs-endpoint", elsewhere.endpoint().toString(),
                    "awslogs-format", "json/emf");
            write(sink.open(source("awslogs", options)).orElseThrow(), "{\"a\":1}");
            write(new AwslogsSink(logs.context()).open(source("awslogs", options)).orElseThrow());
            write(sink.open(new ContainerLogSource(TASK_ARN, "default", "sidecar", "d".repeat(64), "awslogs",
                    options, () -> AwsCredentials.of("AKID", "secret"), false)).orElseThrow(), "{\"b\":2}");

            assertThat(elsewhere.requests()).isEmpty();
            assertThat(LogsHarness.messages(events("g", "p/web/0123456789abcdef0123456789abcdef")))
                    .containsExactly("{\"a\":1}");
            assertThat(LogsHarness.messages(events("g", "p/sidecar/0123456789abcdef0123456789abcdef")))
                    .containsExactly("{\"b\":2}");
            assertThat(said.stream().filter(m -> m.contains("awslogs-endpoint is not used")).toList())
                    .as("once per task and sink").hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("0123456789abcdef0123456789abcdef")
                            .doesNotContain(elsewhere.endpoint().toString()));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void aGroupFromASecretIsNotNamedInWhatTheSinkLogs() {
        ContainerLogSource secret = new ContainerLogSource(TASK_ARN, "default", "web", CONTAINER_ID, "awslogs",
                options("awslogs-group", "/hidden/group"), () -> AwsCredentials.of("AKID", "secret"), false,
                Set.of("awslogs-group"));
        assertThat(AwslogsSink.describe(secret, "/hidden/group", "s")).doesNotContain("/hidden/group")
                .isEqualTo("the stream of web of task 0123456789abcdef0123456789abcdef");
        assertThat(AwslogsSink.describe(source("awslogs", options("awslogs-group", "/open")), "/open", "s"))
                .isEqualTo("/open s");
    }
}
