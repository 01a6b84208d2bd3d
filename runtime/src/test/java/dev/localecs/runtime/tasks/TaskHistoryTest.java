package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.protocol.TaskAnswers;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.state.WriteAheadLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention sweep forgets a stopped task for good, on disk too. */
class TaskHistoryTest {
    private static final ObjectMapper JSON = TaskAnswers.install(EcsJson.create());
    private static final EcsArns ARNS = new EcsArns("us-east-1", "000000000000");

    @TempDir
    Path dir;

    @Test
    void aChangeRacingWithTheSweepDoesNotBringTheSweptTaskBackAfterARestart() throws Exception {
        TaskHistory history = history();
        TaskRecord record = added(history, "0123456789abcdef0123456789abcdef", history::save);
        record.update(r -> {
            r.lastStatus = TaskStatus.STOPPED;
            r.stoppedAt = Instant.now().minus(Duration.ofHours(1));
        });
        CountDownLatch swept = new CountDownLatch(1);
        history.startSweep(expired -> swept.countDown());
        assertThat(swept.await(10, TimeUnit.SECONDS)).as("swept within 10 s").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (history.get(record.taskId).isPresent()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }

        // what an engine event of the task's removed containers does when it arrives as the sweep runs
        record.update(r -> r.stoppingAt = r.stoppedAt);
        history.close();

        assertThat(store().load()).as("the swept task after a restart").isEmpty();
    }

    @Test
    void aChangeWhoseSaveComesAfterTheWriterStoppedIsWrittenByClose() {
        TaskHistory history = history();
        // the record's listener stands for a save that has not run yet when close() stops the writer
        TaskRecord record = added(history, "fedcba9876543210fedcba9876543210", changed -> { });
        // the log entry RunTask made is compacted into the task's file (shortly after, off the call's path)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!logCompacted()) {
            assertThat(System.nanoTime()).as("the log compacted within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        record.update(r -> r.lastStatus = TaskStatus.RUNNING);

        history.close();

        assertThat(store().load()).singleElement().satisfies(saved ->
                assertThat(saved.task().lastStatus()).as("the state a caller last saw").isEqualTo("RUNNING"));
    }

    @Test
    void aStopOfTheRuntimeDuringASweepStillForgetsTheSweptTask() throws Exception {
        TaskHistory history = history();
        TaskRecord record = added(history, "00112233445566778899aabbccddeeff", history::save);
        record.update(r -> {
            r.lastStatus = TaskStatus.STOPPED;
            r.stoppedAt = Instant.now().minus(Duration.ofHours(1));
        });
        CountDownLatch sweeping = new CountDownLatch(1);
        history.startSweep(expired -> {
            sweeping.countDown();
            // removing the task's containers takes a while (an interrupt does not cut it short)
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        assertThat(sweeping.await(10, TimeUnit.SECONDS)).as("a sweep under way within 10 s").isTrue();

        history.close();

        assertThat(store().load()).as("the task swept while the runtime stopped, after a restart").isEmpty();
    }

    private TaskHistory history() {
        TaskHistory history = new TaskHistory(store(), Clock.systemUTC(), settings(), new TaskEvents());
        history.openLog();
        return history;
    }

    /** A task RunTask made, known to the history (logged, announced, saved through {@code listener}). */
    private static TaskRecord added(TaskHistory history, String id, Consumer<TaskRecord> listener) {
        TaskRecord record = new TaskRecord(id, ARNS.task("default", id), ARNS.cluster("default"), spec(), null,
                "history-" + id, "endpoint-" + id, Instant.now(), listener);
        history.add(record);
        return record;
    }

    /** Whether every log segment is empty (a segment the compaction deletes while it is read: not yet). */
    private boolean logCompacted() {
        try {
            return WriteAheadLog.segments(dir.resolve("tasks"), "journal").stream()
                    .allMatch(segment -> WriteAheadLog.read(segment).isEmpty());
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static TaskSettings settings() {
        return new TaskSettings(Duration.ofSeconds(1), TaskSettings.RemoveContainers.AFTER_RETENTION,
                Duration.ofSeconds(5), TaskNetworkSettings.from(RuntimeConfig.load(Optional.empty(), Map.of(),
                        Map.of("endpoint.mode", "disabled"))));
    }

    private TaskStore store() {
        return new TaskStore(new JsonFileStore(dir, JSON));
    }

    private static RunTaskSpec spec() {
        TaskDefinition definition = JSON.convertValue(Map.of("family", "sweep", "revision", 1,
                "taskDefinitionArn", ARNS.taskDefinition("sweep", 1), "networkMode", "bridge",
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class);
        return new RunTaskSpec(definition, "default", Optional.empty(), Optional.empty(), "family:sweep", "EC2",
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of());
    }
}
