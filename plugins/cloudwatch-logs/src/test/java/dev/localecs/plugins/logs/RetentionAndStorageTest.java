package dev.localecs.plugins.logs;

import static dev.localecs.plugins.logs.LogsHarness.event;
import static dev.localecs.plugins.logs.LogsHarness.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on read and by the sweep, durability across a restart, and the size bound. */
class RetentionAndStorageTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path state;

    private static String get(LogsHarness logs) {
        return String.join(",", messages(logs.call("GetLogEvents",
                "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"startFromHead\":true}")));
    }

    @Test
    void retentionHidesOldEventsAtOnceAndTheSweepDeletesThem() {
        try (LogsHarness logs = new LogsHarness(state)) {
            logs.group("g");
            logs.stream("g", "s");
            logs.put("g", "s", event(-2 * DAY - 1000, "three days"));
            logs.put("g", "s", event(-1000, "today"));
            assertThat(get(logs)).isEqualTo("three days,today");

            logs.call("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":1}");
            assertThat(get(logs)).isEqualTo("today");
            assertThat(messages(logs.call("FilterLogEvents", "{\"logGroupName\":\"g\"}"))).containsExactly("today");
            assertThat(logs.call("DescribeLogGroups", "{}").at("/logGroups/0/retentionInDays").asInt()).isEqualTo(1);

            logs.call("DeleteRetentionPolicy", "{\"logGroupName\":\"g\"}");
            assertThat(get(logs)).as("not yet swept: visible again").isEqualTo("three days,today");

            logs.call("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":1}");
            assertThat(LogStores.of(logs.context()).sweep()).isEqualTo(1);
            logs.call("DeleteRetentionPolicy", "{\"logGroupName\":\"g\"}");
            assertThat(get(logs)).as("swept: gone for good").isEqualTo("today");
            assertThatThrownBy(() -> logs.call("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":2}"))
                    .hasMessageContaining("Member must satisfy enum value set: [1, 3, 5, 7, 14,");
        }
    }

    @Test
    void everythingSurvivesARestartIncludingRewrittenAndDeletedStreams() throws Exception {
        try (LogsHarness logs = new LogsHarness(state)) {
            logs.call("CreateLogGroup", "{\"logGroupName\":\"g\",\"tags\":{\"team\":\"a\"}}");
            logs.call("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":7}");
            logs.stream("g", "s");
            logs.stream("g", "gone");
            logs.put("g", "s", event(-3000, "first"), event(-1000, "third"));
            logs.put("g", "gone", event(-1000, "x"));
            LogStores.of(logs.context()).flush();
            logs.put("g", "s", event(-2000, "second"));
            logs.put("g", "s", event(0, "fourth"));
            logs.call("DeleteLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"gone\"}");
        }
        try (var files = Files.list(state.resolve("logs/events"))) {
            assertThat(files.toList()).as("the deleted stream's file is removed").hasSize(1);
        }
        try (LogsHarness logs = new LogsHarness(state)) {
            assertThat(get(logs)).isEqualTo("first,second,third,fourth");
            assertThat(logs.call("DescribeLogStreams", "{\"logGroupName\":\"g\"}").get("logStreams")
                    .findValuesAsText("logStreamName")).containsExactly("s");
            assertThat(logs.call("DescribeLogGroups", "{}").at("/logGroups/0/retentionInDays").asInt()).isEqualTo(7);
            logs.put("g", "s", event(1000, "fifth"));
            assertThat(get(logs)).as("new events after the loaded ones, none reusing a position")
                    .isEqualTo("first,second,third,fourth,fifth");
        }
    }

    @Test
    void aTornLastLineFromACrashIsSkipped() throws Exception {
        try (LogsHarness logs = new LogsHarness(state)) {
            logs.group("g");
            logs.stream("g", "s");
            logs.put("g", "s", event(-1000, "whole"));
        }
        Path file = state.resolve("logs/events/1.jsonl");
        Files.writeString(file, "[1767225599000,176722", java.nio.file.StandardOpenOption.APPEND);
        try (LogsHarness logs = new LogsHarness(state)) {
            assertThat(get(logs)).isEqualTo("whole");
        }
    }

    @Test
    void pastTheSizeBoundTheOldestEventsAreDroppedAndCountedInTheWorkersProblem() {
        try (LogsHarness logs = new LogsHarness(state, Map.of("logs.max-stored-mib", "1"))) {
            logs.group("g");
            logs.stream("g", "s");
            logs.stream("g", "t");
            String big = "x".repeat(200_000);
            logs.put("g", "s", event(-9000, "oldest " + big), event(-7000, "old " + big));
            logs.put("g", "t", event(-8000, "t " + big), event(-6000, "t2 " + big));
            CloudWatchLogsWorker worker = new CloudWatchLogsWorker(logs.context());
            assertThat(worker.problem()).isEmpty();

            logs.put("g", "s", event(-1000, "new " + big), event(-500, "newer " + big));

            assertThat(messages(logs.call("FilterLogEvents", "{\"logGroupName\":\"g\"}")))
                    .extracting(message -> message.substring(0, message.indexOf(' ')))
                    .containsExactly("t", "old", "t2", "new", "newer");
            worker.start();
            try {
                assertThat(worker.problem()).hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("1 log events were dropped (oldest first)").contains("logs.max-stored-mib"));
                logs.advance(16 * 60_000L);
                assertThat(worker.problem()).as("15 minutes after the last drop").isEmpty();
            } finally {
                worker.stop();
            }
        }
    }

    @Test
    void theBoundDropsSeveralOldestEventsOfOneStreamAndThenTheNextOldestStream() {
        try (LogsHarness logs = new LogsHarness(state, Map.of("logs.max-stored-mib", "1"))) {
            logs.group("g");
            logs.stream("g", "s");
            logs.stream("g", "t");
            String big = "x".repeat(200_000);
            logs.put("g", "s", event(-10_000, "s1 " + big), event(-9000, "s2 " + big), event(-8000, "s3 " + big),
                    event(-7000, "s4 " + big), event(-6000, "s5 " + big));
            logs.put("g", "t", event(-9500, "t1 " + big));
            assertThat(LogStores.of(logs.context()).dropped()).isEqualTo(1);

            logs.put("g", "t", event(-5000, "t2 " + big), event(-4000, "t3 " + big), event(-3000, "t4 " + big));

            assertThat(messages(logs.call("FilterLogEvents", "{\"logGroupName\":\"g\"}")))
                    .extracting(message -> message.substring(0, message.indexOf(' ')))
                    .containsExactly("s4", "s5", "t2", "t3", "t4");
            assertThat(LogStores.of(logs.context()).dropped()).isEqualTo(4);
            assertThat(LogStores.of(logs.context()).storedBytes()).isLessThanOrEqualTo(1024 * 1024);
        }
    }

    @Test
    void aFailingWriteIsTheWorkersProblemUntilAWriteSucceeds() throws Exception {
        Files.writeString(state.resolve("logs"), "a file where the logs folder should be");
        try (LogsHarness logs = new LogsHarness(state, Map.of("logs.flush-interval-ms", "10"))) {
            CloudWatchLogsWorker worker = new CloudWatchLogsWorker(logs.context());
            worker.start();
            try {
                logs.group("g");
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (worker.problem().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(worker.problem()).hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Cannot write the embedded CloudWatch Logs to disk"));

                Files.delete(state.resolve("logs"));
                deadline = System.nanoTime() + 5_000_000_000L;
                while (worker.problem().isPresent() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(worker.problem()).as("the next write succeeded").isEmpty();
                assertThat(state.resolve("logs/groups.json")).content().contains("\"g\"");
            } finally {
                worker.stop();
            }
        }
    }
}
