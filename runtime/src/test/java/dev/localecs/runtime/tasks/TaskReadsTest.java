package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.TaskFilter;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListTasks' index and pages, and reads while tasks launch and stop (simulated engine). */
class TaskReadsTest {
    @TempDir
    Path dir;
    private SimulatedTasks tasks;

    @AfterEach
    void close() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private static String definition(String family, String script) {
        return "{\"family\":\"" + family + "\",\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"busybox\","
                + "\"essential\":true,\"stopTimeout\":1" + (script == null ? "" : ",\"environment\":[{\"name\":"
                + "\"LOCAL_ECS_SIMULATE\",\"value\":\"" + script + "\"}]") + "}]}";
    }

    private static TaskFilter filter(String desired, Optional<String> family) {
        return new TaskFilter(SimulatedTasks.CLUSTER, family, Optional.empty(), desired, Optional.empty(),
                Optional.empty());
    }

    @Test
    void listsWalkTheIndexNewestFirstPageByPage() throws Exception {
        tasks = SimulatedTasks.start(dir);
        List<Task> started = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            started.add(tasks.run(definition(i % 3 == 0 ? "other" : "main", null)));
            Thread.sleep(2); // distinct createdAt (millisecond clock)
        }
        for (Task task : started) {
            tasks.awaitStatus(task, "RUNNING");
        }
        List<String> stopped = new ArrayList<>();
        for (int i = 0; i < 30; i += 2) {
            tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(started.get(i)), Optional.empty());
            stopped.add(started.get(i).taskArn());
        }
        List<String> newestFirst = new ArrayList<>(started.stream().map(Task::taskArn).toList());
        Collections.reverse(newestFirst);

        List<String> stoppedList = arns(tasks.tasks().list(filter("STOPPED", Optional.empty())));
        assertThat(stoppedList).isEqualTo(newestFirst.stream().filter(stopped::contains).toList());
        List<String> runningList = arns(tasks.tasks().list(filter("RUNNING", Optional.empty())));
        assertThat(runningList).isEqualTo(newestFirst.stream().filter(a -> !stopped.contains(a)).toList());

        assertThat(arns(tasks.tasks().list(filter("STOPPED", Optional.empty()), 4, 5)))
                .isEqualTo(stoppedList.subList(4, 9));
        assertThat(arns(tasks.tasks().list(filter("STOPPED", Optional.empty()), 13, 5)))
                .isEqualTo(stoppedList.subList(13, 15));
        assertThat(tasks.tasks().list(filter("STOPPED", Optional.empty()), 40, 5)).isEmpty();

        List<String> mainRunning = arns(tasks.tasks().list(filter("RUNNING", Optional.of("main")), 1, 3));
        List<String> allMainRunning = runningList.stream()
                .filter(a -> started.stream().anyMatch(t -> t.taskArn().equals(a)
                        && t.taskDefinitionArn().contains("/main:"))).toList();
        assertThat(mainRunning).isEqualTo(allMainRunning.subList(1, 4));

        // the index survives a restart: saved tasks are adopted into it
        tasks.restart();
        assertThat(arns(tasks.tasks().list(filter("STOPPED", Optional.empty())))).isEqualTo(stoppedList);
    }

    @Test
    void tasksHoldingResourcesExcludeStoppedOnesKeepPendingAndStoppingOnesAndFollowTheRecovery() throws Exception {
        tasks = SimulatedTasks.start(dir, Duration.ofHours(1), Duration.ofMinutes(5));
        Task stopped = tasks.run(definition("done", null));
        tasks.awaitStatus(stopped, "RUNNING");
        tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(stopped), Optional.empty());
        tasks.awaitStatus(stopped, "STOPPED");
        Task stopping = tasks.run("{\"family\":\"slow\",\"containerDefinitions\":[{\"name\":\"app\","
                + "\"image\":\"busybox\",\"essential\":true,\"stopTimeout\":20,\"environment\":[{\"name\":"
                + "\"LOCAL_ECS_SIMULATE\",\"value\":\"ignore-sigterm\"}]}]}");
        tasks.awaitStatus(stopping, "RUNNING");
        tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(stopping), Optional.empty());
        // waits for a health check that passes only after ten minutes: PENDING meanwhile
        Task pending = tasks.run("{\"family\":\"waiting\",\"containerDefinitions\":[{\"name\":\"db\","
                + "\"image\":\"busybox\",\"essential\":true,\"healthCheck\":{\"command\":[\"CMD\",\"true\"]},"
                + "\"environment\":[{\"name\":\"LOCAL_ECS_SIMULATE\",\"value\":\"healthy@600s\"}]},"
                + "{\"name\":\"app\",\"image\":\"busybox\",\"essential\":true,\"dependsOn\":[{\"containerName\":"
                + "\"db\",\"condition\":\"HEALTHY\"}]}]}");
        tasks.await(pending, t -> t.containers().stream().anyMatch(c -> c.name().equals("db")
                && "RUNNING".equals(c.lastStatus())));
        Task running = tasks.run(definition("up", null));
        tasks.awaitStatus(running, "RUNNING");

        List<Task> holding = tasks.tasks().holdingResources(SimulatedTasks.CLUSTER);
        assertThat(arns(holding)).as("newest first, without the stopped task")
                .containsExactly(running.taskArn(), pending.taskArn(), stopping.taskArn());
        assertThat(holding).extracting(Task::lastStatus).containsExactly("RUNNING", "PENDING", "STOPPING");
        assertThat(holding).extracting(Task::desiredStatus).containsExactly("RUNNING", "RUNNING", "STOPPED");
        assertThat(tasks.tasks().count(SimulatedTasks.CLUSTER, "RUNNING")).isEqualTo(1);
        assertThat(tasks.tasks().count(SimulatedTasks.CLUSTER, "PENDING")).isEqualTo(1);
        assertThat(tasks.tasks().count(SimulatedTasks.CLUSTER, "STOPPED")).isEqualTo(1);
        assertThat(tasks.tasks().holdingResources("other")).isEmpty();

        // the restart rebuilds the index from the saved tasks; the recovery stops the launch it cut off
        tasks.restart();
        assertThat(arns(tasks.tasks().holdingResources(SimulatedTasks.CLUSTER)))
                .contains(running.taskArn(), stopping.taskArn()).doesNotContain(stopped.taskArn());
        assertThat(tasks.find(stopping).lastStatus()).isEqualTo("STOPPING");
        assertThat(tasks.awaitStatus(pending, "STOPPED").stoppedReason()).isEqualTo(TaskRecovery.INTERRUPTED);
        assertThat(arns(tasks.tasks().holdingResources(SimulatedTasks.CLUSTER)))
                .containsExactly(running.taskArn(), stopping.taskArn());
        assertThat(tasks.tasks().count(SimulatedTasks.CLUSTER, "PENDING")).isZero();
        assertThat(tasks.tasks().count(SimulatedTasks.CLUSTER, "STOPPED")).isEqualTo(2);
    }

    @Test
    void readsWhileTwentyTasksLaunchAndStopAreConsistentSnapshots() throws Exception {
        tasks = SimulatedTasks.start(dir);
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                Map<String, Long> lastVersion = new HashMap<>(); // what this reader saw last, per task
                while (!done.get()) {
                    for (String desired : List.of("RUNNING", "STOPPED")) {
                        List<Task> listed = tasks.tasks().list(filter(desired, Optional.empty()));
                        Set<String> seen = new HashSet<>();
                        for (Task task : listed) {
                            if (!seen.add(task.taskArn())) {
                                problems.add("listed twice in one answer: " + task.taskArn());
                            }
                            if (!task.desiredStatus().equals(desired)) {
                                problems.add(task.taskArn() + " listed for " + desired + " with desired status "
                                        + task.desiredStatus());
                            }
                            check(task, lastVersion, problems);
                            Task described = tasks.tasks().find(SimulatedTasks.CLUSTER, SimulatedTasks.id(task))
                                    .orElseThrow();
                            check(described, lastVersion, problems);
                        }
                    }
                    reads.incrementAndGet();
                }
            }));
        }
        List<Thread> launches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String script = i % 4 == 0 ? "exit:0@50ms" : null;
            launches.add(Thread.ofPlatform().start(() -> {
                Task task = tasks.run(definition("busy", script));
                tasks.await(task, t -> !t.lastStatus().equals("PENDING") && !t.lastStatus().equals("PROVISIONING"));
                tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(task), Optional.of("done"));
                tasks.awaitStatus(task, "STOPPED");
            }));
        }
        for (Thread launch : launches) {
            launch.join(30_000);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        assertThat(problems).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(arns(tasks.tasks().list(filter("STOPPED", Optional.of("busy"))))).hasSize(20);
        assertThat(tasks.tasks().list(filter("RUNNING", Optional.of("busy")))).isEmpty();
    }

    private static void check(Task task, Map<String, Long> lastVersion, List<String> problems) {
        for (Container container : task.containers()) {
            if (task.lastStatus().equals("PENDING") && container.lastStatus().equals("RUNNING")) {
                problems.add(task.taskArn() + ": container RUNNING under a PENDING task");
            }
        }
        Long before = lastVersion.get(task.taskArn());
        if (before != null && before > task.version()) {
            problems.add(task.taskArn() + ": version went back from " + before + " to " + task.version());
        }
        lastVersion.put(task.taskArn(), task.version());
    }

    private static List<String> arns(List<Task> listed) {
        return listed.stream().map(Task::taskArn).toList();
    }
}
