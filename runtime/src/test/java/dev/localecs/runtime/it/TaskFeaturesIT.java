package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** RunTask's options, failure reasons, retention and launches cut off by a restart. */
class TaskFeaturesIT {
    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    private static void register(RuntimeFixture runtime, String family, String containers) {
        var response = runtime.post("RegisterTaskDefinition", "{\"family\": \"" + family
                + "\", \"containerDefinitions\": [" + containers + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String busybox(String name, String command, String extra) {
        return ("{\"name\": \"%s\", \"image\": \"%s\", \"memory\": 32, \"command\": [\"sh\", \"-c\", \"%s\"]"
                + (extra.isEmpty() ? "" : ", " + extra) + "}").formatted(name, TestImages.BUSYBOX, command);
    }

    private static Task await(RuntimeFixture runtime, String cluster, String arn, String status, Duration timeout)
            throws InterruptedException {
        return runtime.awaitStatus(cluster, arn, status, timeout);
    }

    private static Container only(Task task) {
        return task.containers().get(0);
    }

    @Test
    void runTaskOptionsCountTagsClientTokenFiltersAndClusterCounts() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            runtime.ecs().createCluster(r -> r.clusterName("batch"));
            runtime.post("RegisterTaskDefinition", "{\"family\": \"worker\", \"tags\": [{\"key\": \"team\", "
                    + "\"value\": \"data\"}], \"containerDefinitions\": [" + busybox("w", "sleep 300",
                    "\"stopTimeout\": 1") + "]}");

            List<Task> tasks = runtime.ecs().runTask(r -> r.cluster("batch").taskDefinition("worker").count(3)
                    .startedBy("scheduler").group("nightly").propagateTags("TASK_DEFINITION").clientToken("once")
                    .tags(Tag.builder().key("run").value("42").build())).tasks();
            assertThat(tasks).hasSize(3);
            assertThat(tasks).allSatisfy(t -> {
                assertThat(t.clusterArn()).endsWith(":cluster/batch");
                assertThat(t.group()).isEqualTo("nightly");
                assertThat(t.startedBy()).isEqualTo("scheduler");
            });
            List<Task> again = runtime.ecs().runTask(r -> r.cluster("batch").taskDefinition("worker").count(3)
                    .clientToken("once")).tasks();
            assertThat(again).extracting(Task::taskArn).containsExactlyInAnyOrderElementsOf(
                    tasks.stream().map(Task::taskArn).toList());

            for (Task task : tasks) {
                await(runtime, "batch", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
            }
            Task withTags = runtime.ecs().describeTasks(r -> r.cluster("batch").tasks(tasks.get(0).taskArn())
                    .include(TaskField.TAGS)).tasks().get(0);
            assertThat(withTags.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=data", "run=42");
            assertThat(runtime.ecs().describeTasks(r -> r.cluster("batch").tasks(tasks.get(0).taskArn())).tasks()
                    .get(0).tags()).isEmpty();
            assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(tasks.get(0).taskArn())).tags())
                    .hasSize(2);

            List<String> paged = new ArrayList<>();
            String token = null;
            for (int i = 0; i < 10; i++) {
                String next = token;
                ListTasksResponse page = runtime.ecs().listTasks(r -> r.cluster("batch").maxResults(2).nextToken(next));
                paged.addAll(page.taskArns());
                token = page.nextToken();
                if (token == null) {
                    break;
                }
            }
            assertThat(paged).hasSize(3).doesNotHaveDuplicates();
            assertThat(runtime.ecs().listTasks(r -> r.cluster("batch").startedBy("scheduler")).taskArns()).hasSize(3);
            assertThat(runtime.ecs().listTasks(r -> r.cluster("batch").startedBy("nobody")).taskArns()).isEmpty();
            assertThat(runtime.ecs().listTasks(r -> r.cluster("default")).taskArns()).isEmpty();
            assertThat(runtime.ecs().describeClusters(r -> r.clusters("batch")).clusters().get(0).runningTasksCount())
                    .isEqualTo(3);
            assertThatThrownBy(() -> runtime.ecs().deleteCluster(r -> r.cluster("batch")))
                    .isInstanceOf(ClusterContainsTasksException.class);

            for (Task task : tasks) {
                runtime.ecs().stopTask(r -> r.cluster("batch").task(task.taskArn()));
            }
            for (Task task : tasks) {
                await(runtime, "batch", task.taskArn(), "STOPPED", Duration.ofSeconds(30));
            }
            assertThat(runtime.ecs().listTasks(r -> r.cluster("batch").desiredStatus("STOPPED")).taskArns())
                    .hasSize(3);
            runtime.ecs().deleteCluster(r -> r.cluster("batch"));
        }
    }

    @Test
    void outOfMemoryAndUnstartableContainersGetEcsReasons() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            register(runtime, "hungry", "{\"name\": \"eat\", \"image\": \"" + TestImages.BUSYBOX + "\", \"memory\": 8, "
                    + "\"linuxParameters\": {\"maxSwap\": 0}, \"command\": [\"sh\", \"-c\", "
                    + "\"exec tail /dev/zero\"]}");
            register(runtime, "unstartable", "{\"name\": \"bad\", \"image\": \"" + TestImages.BUSYBOX + "\", "
                    + "\"memory\": 16, \"entryPoint\": [\"/no/such/binary\"]}");

            Task hungry = runtime.ecs().runTask(r -> r.taskDefinition("hungry")).tasks().get(0);
            Task unstartable = runtime.ecs().runTask(r -> r.taskDefinition("unstartable")).tasks().get(0);

            Task oom = await(runtime, "default", hungry.taskArn(), "STOPPED", Duration.ofSeconds(60));
            assertThat(only(oom).reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
            assertThat(only(oom).exitCode()).isEqualTo(137);
            Task failed = await(runtime, "default", unstartable.taskArn(), "STOPPED", Duration.ofSeconds(60));
            assertThat(failed.stopCode().toString()).isEqualTo("TaskFailedToStart");
            assertThat(only(failed).reason()).startsWith("CannotStartContainerError: ");
            assertThat(only(failed).exitCode()).isNull();
        }
    }

    @Test
    void stoppedTasksStayVisibleForTheRetentionThenGoWithTheirContainers() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.stopped-retention", "3s",
                "tasks.remove-containers", "after-retention"))) {
            register(runtime, "short", busybox("app", "exit 0", ""));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("short")).tasks().get(0);
            Task stopped = await(runtime, "default", task.taskArn(), "STOPPED", Duration.ofSeconds(30));
            String label = "label=com.amazonaws.ecs.task-arn=" + task.taskArn();
            assertThat(TestImages.run(List.of("docker", "ps", "-aq", "--filter", label))).as("kept during retention")
                    .isNotBlank();
            assertThat(only(stopped).exitCode()).isZero();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean missing = false;
            while (!missing && System.nanoTime() < deadline) {
                Thread.sleep(500);
                missing = !runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).failures().isEmpty();
            }
            assertThat(missing).as("gone after the retention").isTrue();
            assertThat(TestImages.run(List.of("docker", "ps", "-aq", "--filter", label))).isBlank();
        }
    }

    @Test
    void aTaskNetworkWhoseSubnetClashesFailsTheTaskWithAClearReason() throws Exception {
        String blocker = "clash-blocker-" + ProcessHandle.current().pid();
        TestImages.run(List.of("docker", "network", "create", "--subnet", "169.254.171.0/24", blocker));
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("network.name", "clash-tasks",
                "network.subnet", "169.254.171.0/24", "network.gateway", "169.254.171.2"))) {
            register(runtime, "clash", busybox("app", "true", ""));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("clash")).tasks().get(0);
            Task stopped = await(runtime, "default", task.taskArn(), "STOPPED", Duration.ofSeconds(30));
            assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: cannot create the task "
                    + "network clash-tasks with subnet 169.254.171.0/24").contains("network.subnet");
        } finally {
            TestImages.run(List.of("docker", "network", "rm", blocker));
        }
    }

    @Test
    void launchCutOffByARestartIsFinishedAndCleaned() throws Exception {
        RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        try {
            register(runtime, "slow-start", busybox("db", "sleep 300", "\"stopTimeout\": 1, \"essential\": false, "
                    + "\"healthCheck\": {\"command\": [\"CMD-SHELL\", \"exit 1\"], \"interval\": 30}") + ","
                    + busybox("app", "sleep 300", "\"dependsOn\": [{\"containerName\": \"db\", "
                    + "\"condition\": \"HEALTHY\"}]"));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("slow-start")).tasks().get(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().get(0).containers().stream()
                    .noneMatch(c -> "RUNNING".equals(c.lastStatus())) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }

            runtime.restart();

            Task stopped = await(runtime, "default", task.taskArn(), "STOPPED", Duration.ofSeconds(30));
            assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).isEqualTo("Task launch was interrupted by a restart of local-ecs-api.");
            String label = "label=com.amazonaws.ecs.task-arn=" + task.taskArn();
            assertThat(TestImages.run(List.of("docker", "ps", "-aq", "--filter", label))).as("no orphans").isBlank();
        } finally {
            runtime.close();
        }
    }
}
