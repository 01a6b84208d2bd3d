package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime killed with SIGKILL during a burst of 20 concurrent RunTasks, at several moments, then started
 * again on the same state: every task a RunTask answered is still there, RUNNING (its launch went on) or
 * STOPPED for the interrupted launch; nothing else is left behind (no container without its task).
 */
class TaskDurabilityIT {
    static final String FAMILY = "durable-crash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERRUPTED = "Task launch was interrupted by a restart of local-ecs-api.";

    /** When the runtime is killed: after that many RunTasks answered, plus a delay. */
    enum Moment {
        AFTER_FIRST_ANSWER(1, 0),
        AFTER_HALF_THE_ANSWERS(10, 0),
        AFTER_EVERY_ANSWER(20, 0),
        WHILE_THE_LAUNCHES_GO_ON(20, 700);

        final int answers;
        final long delayMillis;

        Moment(int answers, long delayMillis) {
            this.answers = answers;
            this.delayMillis = delayMillis;
        }
    }

    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void removeLeftovers() throws Exception {
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + FAMILY);
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void everyAcknowledgedTaskSurvivesAKill(Moment moment) throws Exception {
        Map<String, String> settings = Map.of("tasks.remove-containers", "immediately");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (RuntimeProcess first = RuntimeProcess.start(state, settings)) {
            assertThat(first.post("RegisterTaskDefinition", "{\"family\": \"" + FAMILY + "\", \"containerDefinitions\": "
                    + "[{\"name\": \"app\", \"image\": \"" + TestImages.BUSYBOX + "\", \"memory\": 16, "
                    + "\"stopTimeout\": 1, \"command\": [\"sleep\", \"300\"]}]}").statusCode()).isEqualTo(200);
            CountDownLatch answered = new CountDownLatch(moment.answers);
            List<Thread> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(Thread.ofPlatform().start(() -> {
                    try {
                        HttpResponse<String> response = first.post("RunTask", "{\"taskDefinition\": \"" + FAMILY
                                + "\"}");
                        if (response.statusCode() == 200) {
                            acknowledged.add(JSON.readTree(response.body()).at("/tasks/0/taskArn").asText());
                            answered.countDown();
                        }
                    } catch (Exception cutOff) {
                        // the kill cut this call off: never acknowledged
                    }
                }));
            }
            assertThat(answered.await(60, TimeUnit.SECONDS)).as("%d RunTasks answered", moment.answers).isTrue();
            Thread.sleep(moment.delayMillis);
            first.kill();
            for (Thread call : burst) {
                call.join(TimeUnit.SECONDS.toMillis(40));
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(moment.answers);

        try (RuntimeProcess second = RuntimeProcess.start(state, settings)) {
            Map<String, JsonNode> settled = awaitSettled(second, List.copyOf(acknowledged));
            assertThat(settled.keySet()).as("every acknowledged task is described").containsAll(acknowledged);
            for (JsonNode task : settled.values()) {
                assertSettledConsistently(task);
            }
            // a task whose answer the kill cut off may exist too, but only consistently
            List<String> known = new ArrayList<>();
            for (String desired : List.of("RUNNING", "STOPPED")) {
                JSON.readTree(second.post("ListTasks", "{\"family\": \"" + FAMILY + "\", \"desiredStatus\": \""
                        + desired + "\"}").body()).path("taskArns").forEach(arn -> known.add(arn.asText()));
            }
            assertThat(known).containsAll(acknowledged);
            Map<String, JsonNode> all = awaitSettled(second, known);
            all.values().forEach(TaskDurabilityIT::assertSettledConsistently);
            assertThat(Docker.labelValues("com.amazonaws.ecs.task-definition-family=" + FAMILY,
                    "com.amazonaws.ecs.task-arn")).as("containers all belong to known tasks").isSubsetOf(known);
            for (String arn : known) {
                second.post("StopTask", "{\"task\": \"" + arn + "\"}");
            }
        }
    }

    private static void assertSettledConsistently(JsonNode task) {
        if ("STOPPED".equals(task.path("lastStatus").asText())) {
            assertThat(task.path("stopCode").asText()).as(task.toString()).isEqualTo("TaskFailedToStart");
            assertThat(task.path("stoppedReason").asText()).as(task.toString()).isEqualTo(INTERRUPTED);
        } else {
            assertThat(task.path("lastStatus").asText()).as(task.toString()).isEqualTo("RUNNING");
            assertThat(task.path("containers").get(0).path("lastStatus").asText()).isEqualTo("RUNNING");
        }
    }

    /** Describes the tasks until each is RUNNING or STOPPED (bounded); MISSING ones are left out. */
    private static Map<String, JsonNode> awaitSettled(RuntimeProcess runtime, List<String> arns) throws Exception {
        Map<String, JsonNode> tasks = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            tasks.clear();
            for (int from = 0; from < arns.size(); from += 100) {
                List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
                JsonNode described = JSON.readTree(runtime.post("DescribeTasks", "{\"tasks\": "
                        + JSON.writeValueAsString(batch) + "}").body());
                assertThat(described.path("failures")).as("no acknowledged task is MISSING: %s", described)
                        .isEmpty();
                described.path("tasks").forEach(task -> tasks.put(task.path("taskArn").asText(), task));
            }
            boolean settled = tasks.values().stream().map(task -> task.path("lastStatus").asText())
                    .allMatch(status -> status.equals("RUNNING") || status.equals("STOPPED"));
            if (settled || System.nanoTime() > deadline) {
                return tasks;
            }
            Thread.sleep(250);
        }
    }
}
