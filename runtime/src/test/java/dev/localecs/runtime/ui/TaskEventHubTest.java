package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.testing.FakePluginContext;
import dev.localecs.testing.FakeTaskService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskEventHubTest {
    private final ObjectMapper json = EcsJson.create();
    private final FakeTaskService tasks = new FakePluginContext().tasks();

    /** Adds a task with a secret in its overrides, or changes its status when it exists (either is announced). */
    private void task(String id, String status) {
        if (tasks.find("default", id).isPresent()) {
            tasks.change(id, Map.of("lastStatus", status));
            return;
        }
        tasks.add(Map.of("taskArn", "arn:aws:ecs:us-east-1:000000000000:task/default/" + id, "lastStatus", status,
                "clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/default", "overrides", Map.of("containerOverrides", List.of(Map.of("name", "app",
                        "environment", List.of(Map.of("name", "DB_PASSWORD", "value", "hunter2")))))));
    }

    @Test
    void aBurstOfChangesIsOneSharedEventWithTheLatestSnapshotsRedacted() throws Exception {
        try (TaskEventHub hub = new TaskEventHub(tasks, json)) {
            assertThat(tasks.subscribers()).as("one subscription for every connection").isEqualTo(1);
            long start = hub.sequence();
            for (int i = 0; i < 50; i++) {
                task("a".repeat(32), i < 49 ? "PENDING" : "RUNNING");
                task("b".repeat(32), "PENDING");
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
        assertThat(tasks.subscribers()).as("closed with the hub").isZero();
    }

    @Test
    void aConnectionThatFellBehindTheRingIsToldToReload() throws Exception {
        try (TaskEventHub hub = new TaskEventHub(tasks, json, Duration.ofMillis(2))) {
            long start = hub.sequence();
            for (int i = 0; i < 70; i++) {
                task(String.format("%032x", i), "RUNNING");
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
}
