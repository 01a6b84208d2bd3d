package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.ExecResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskEventHubTest {
    private final ObjectMapper json = EcsJson.create();
    private final FakeTasks tasks = new FakeTasks();

    private Task task(String id, String status) throws Exception {
        return json.readValue("""
                {"taskArn": "arn:aws:ecs:us-east-1:000000000000:task/default/%s", "lastStatus": "%s",
                 "overrides": {"containerOverrides": [{"name": "app",
                   "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]}}""".formatted(id, status),
                Task.class);
    }

    @Test
    void aBurstOfChangesIsOneSharedEventWithTheLatestSnapshotsRedacted() throws Exception {
        try (TaskEventHub hub = new TaskEventHub(tasks, json)) {
            long start = hub.sequence();
            for (int i = 0; i < 50; i++) {
                tasks.listener.onTaskChange(task("a".repeat(32), i < 49 ? "PENDING" : "RUNNING"));
                tasks.listener.onTaskChange(task("b".repeat(32), "PENDING"));
            }
            TaskEventHub.News news = hub.await(start, Duration.ofSeconds(5));
            Thread.sleep(TaskEventHub.COALESCE.toMillis() * 3);
            TaskEventHub.News after = hub.await(start, Duration.ofMillis(10));

            assertThat(after.batches()).as("100 changes within the window: one event").hasSize(1);
            assertThat(news.batches().get(0)).isSameAs(after.batches().get(0));
            String frame = new String(after.batches().get(0).bytes(), StandardCharsets.UTF_8);
            assertThat(frame).startsWith("id: " + (start + 1) + "\nevent: tasks\ndata: ").endsWith("\n\n")
                    .contains("\"lastStatus\":\"RUNNING\"").doesNotContain("PENDING\",\"taskArn\":\"arn:aws:ecs:us-east-1"
                            + ":000000000000:task/default/" + "a".repeat(32)).doesNotContain("hunter2");
            assertThat(frame.split("\"taskArn\"")).as("two tasks in the event").hasSize(3);
        }
        assertThat(tasks.subscriptions.get()).as("one subscription for every connection").isEqualTo(1);
        assertThat(tasks.closed.get()).isEqualTo(1);
    }

    @Test
    void aConnectionThatFellBehindTheRingIsToldToReload() throws Exception {
        try (TaskEventHub hub = new TaskEventHub(tasks, json, Duration.ofMillis(2))) {
            long start = hub.sequence();
            for (int i = 0; i < 70; i++) {
                tasks.listener.onTaskChange(task(String.format("%032x", i), "RUNNING"));
                long seen = hub.sequence();
                hub.await(seen, Duration.ofSeconds(5));
            }
            TaskEventHub.News news = hub.await(start, Duration.ofMillis(10));
            assertThat(news.missed()).isTrue();
            assertThat(news.batches()).hasSize(64);
            assertThat(hub.await(hub.sequence(), Duration.ofMillis(50)).batches()).as("nothing new: a keep-alive")
                    .isEmpty();
        }
    }

    @Test
    void closingEndsWaitingConnections() throws Exception {
        TaskEventHub hub = new TaskEventHub(tasks, json);
        List<TaskEventHub.News> answers = new ArrayList<>();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                answers.add(hub.await(hub.sequence(), Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(100);
        hub.close();
        assertThat(waiting.join(Duration.ofSeconds(5))).isTrue();
        assertThat(answers).singleElement().satisfies(news -> assertThat(news.closed()).isTrue());
    }

    /** Only subscribe matters here; a run is remembered and announced like any change. */
    private static final class FakeTasks implements TaskService {
        final AtomicInteger subscriptions = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();
        volatile TaskListener listener;

        @Override
        public TaskSubscription subscribe(TaskListener taskListener) {
            subscriptions.incrementAndGet();
            listener = taskListener;
            return closed::incrementAndGet;
        }

        @Override
        public Task run(RunTaskSpec spec) {
            Task task = EcsJson.create().convertValue(Map.of("taskArn", "arn:aws:ecs:us-east-1:000000000000:task/"
                    + spec.cluster() + "/" + "0".repeat(31) + runs.incrementAndGet(), "lastStatus", "PENDING",
                    "desiredStatus", "RUNNING"), Task.class);
            TaskListener current = listener;
            if (current != null) {
                current.onTaskChange(task);
            }
            return task;
        }

        @Override
        public Optional<Task> find(String cluster, String taskId) {
            return Optional.empty();
        }

        @Override
        public List<Task> list(TaskFilter filter) {
            return List.of();
        }

        @Override
        public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
            return Optional.empty();
        }

        @Override
        public int count(String cluster, String lastStatus) {
            return 0;
        }

        @Override
        public Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command) {
            return Optional.empty();
        }
    }
}
