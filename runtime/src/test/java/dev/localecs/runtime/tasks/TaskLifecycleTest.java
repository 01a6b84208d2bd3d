package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.Task;
import dev.localecs.runtime.docker.AwsvpcHostPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ECS task lifecycle without Docker, on the simulated engine: exits, dependencies, stops, restarts. */
class TaskLifecycleTest {
    @TempDir
    Path dir;
    private SimulatedTasks tasks;

    @AfterEach
    void close() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private static String container(String name, boolean essential, String script, String extra) {
        return "{\"name\":\"" + name + "\",\"image\":\"busybox\",\"essential\":" + essential
                + (script == null ? "" : ",\"environment\":[{\"name\":\"LOCAL_ECS_SIMULATE\",\"value\":\"" + script
                + "\"}]") + extra + "}";
    }

    private static String definition(String... containers) {
        return "{\"family\":\"sim\",\"containerDefinitions\":[" + String.join(",", containers) + "]}";
    }

    private static Container named(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void essentialContainerExitStopsTheTaskAndEveryOtherContainer() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("app", true, "exit:3@300ms", ""),
                container("sidecar", false, null, "")));
        assertThat(tasks.awaitStatus(task, "RUNNING").startedAt()).isNotNull();

        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(3);
        assertThat(named(stopped, "sidecar").lastStatus()).isEqualTo("STOPPED");
        assertThat(named(stopped, "sidecar").exitCode()).isZero();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppingAt()).isNotNull();
        assertThat(stopped.executionStoppedAt()).isNotNull();
        assertThat(stopped.stoppedAt()).isAfterOrEqualTo(stopped.executionStoppedAt());
    }

    @Test
    void nonEssentialExitLeavesTheTaskRunning() throws InterruptedException {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("app", true, null, ""),
                container("migrate", false, "exit:1@100ms", "")));
        Task seen = tasks.await(task, t -> "STOPPED".equals(named(t, "migrate").lastStatus()));
        assertThat(named(seen, "migrate").exitCode()).isEqualTo(1);
        Thread.sleep(200);
        Task later = tasks.find(task);
        assertThat(later.lastStatus()).isEqualTo("RUNNING");
        assertThat(later.desiredStatus()).isEqualTo("RUNNING");
        assertThat(named(later, "app").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void outOfMemoryKillIsReportedAsEcsDoes() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("app", true, "oom@200ms", ",\"memory\":32")));
        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(named(stopped, "app").reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(137);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    }

    @Test
    void successDependencyStartsTheDependentAfterTheDependencyExitedWithZero() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("init", false, "exit:0@300ms", ""),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"init\",\"condition\":\"SUCCESS\"}]")));
        Task pending = tasks.await(task, t -> named(t, "init").lastStatus().equals("RUNNING"));
        assertThat(named(pending, "app").runtimeId()).isNull();

        Task running = tasks.awaitStatus(task, "RUNNING");
        assertThat(named(running, "init").lastStatus()).isEqualTo("STOPPED");
        assertThat(named(running, "init").exitCode()).isZero();
        assertThat(named(running, "app").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void failedSuccessDependencyFailsTheLaunch() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("init", false, "exit:2@100ms", ""),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"init\",\"condition\":\"SUCCESS\"}]")));
        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason())
                .isEqualTo("Container 'app' dependency 'init' exited with code 2 instead of succeeding.");
        assertThat(named(stopped, "app").runtimeId()).isNull();
        assertThat(named(stopped, "app").exitCode()).isNull();
    }

    @Test
    void healthyDependencyWaitsForTheHealthCheckAndTimesOut() {
        tasks = SimulatedTasks.start(dir);
        String healthCheck = ",\"healthCheck\":{\"command\":[\"CMD\",\"true\"]},\"startTimeout\":1";
        Task waited = tasks.run(definition(container("db", true, "healthy@300ms", healthCheck),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]")));
        Task running = tasks.awaitStatus(waited, "RUNNING");
        assertThat(named(running, "db").healthStatus()).isEqualTo("HEALTHY");
        assertThat(running.healthStatus()).isEqualTo("HEALTHY");

        Task timedOut = tasks.run(definition(container("db", true, "healthy@5s", healthCheck),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]")));
        Task stopped = tasks.awaitStatus(timedOut, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason())
                .isEqualTo("Container 'app' dependency 'db' did not reach HEALTHY within 1 seconds.");
    }

    @Test
    void unhealthyDependencyFailsTheLaunch() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("db", true, "unhealthy@100ms",
                        ",\"healthCheck\":{\"command\":[\"CMD\",\"false\"]}"),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]")));
        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(stopped.stoppedReason()).isEqualTo("Container 'app' dependency 'db' became UNHEALTHY.");
    }

    @Test
    void stopDuringLaunchStopsWhatRunsAndNeverStartsTheRest() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("db", true, "healthy@5s",
                        ",\"healthCheck\":{\"command\":[\"CMD\",\"true\"]}"),
                container("app", true, null, ",\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]")));
        tasks.await(task, t -> named(t, "db").lastStatus().equals("RUNNING"));
        Task stopping = tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(task), Optional.of("enough"))
                .orElseThrow();
        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");

        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("enough");
        assertThat(named(stopped, "app").runtimeId()).isNull();
        assertThat(named(stopped, "db").exitCode()).isZero();
    }

    @Test
    void stopTimeoutEndsWithSigkillWhenTheContainerIgnoresSigterm() {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.run(definition(container("app", true, "ignore-sigterm", ",\"stopTimeout\":1"),
                container("polite", true, null, "")));
        tasks.awaitStatus(task, "RUNNING");
        long before = System.nanoTime();
        tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(task), Optional.empty());
        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(named(stopped, "app").exitCode()).isEqualTo(137);
        assertThat(named(stopped, "polite").exitCode()).isZero();
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
    }

    @Test
    void pullAndStartFailuresStopTheTaskWithEcsReasons() {
        tasks = SimulatedTasks.start(dir);
        Task pull = tasks.awaitStatus(tasks.run(definition(container("app", true, "pull-fail", ""))), "STOPPED");
        assertThat(pull.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(named(pull, "app").reason()).startsWith("CannotPullContainerError: ");

        Task start = tasks.awaitStatus(tasks.run(definition(container("app", true, "start-fail", ""))), "STOPPED");
        assertThat(start.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(named(start, "app").reason()).startsWith("CannotStartContainerError: ");
        assertThat(named(start, "app").exitCode()).isNull();
    }

    @Test
    void runningTasksAreTrackedAcrossARestartAndHistoryIsKept() {
        tasks = SimulatedTasks.start(dir);
        Task done = tasks.awaitStatus(tasks.run(definition(container("app", true, "exit:0@50ms", ""))), "STOPPED");
        Task running = tasks.run(definition(container("app", true, "exit:4@7s", ""))); // outlives a slow restart
        tasks.awaitStatus(running, "RUNNING");

        tasks.restart();

        assertThat(tasks.find(done).lastStatus()).isEqualTo("STOPPED");
        assertThat(tasks.find(done).stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(tasks.find(running).lastStatus()).isEqualTo("RUNNING");
        Task stopped = tasks.awaitStatus(running, "STOPPED");
        assertThat(named(stopped, "app").exitCode()).isEqualTo(4);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    }

    @Test
    void containersGoneFromTheEngineDuringARestartStopTheirTask() {
        tasks = SimulatedTasks.start(dir);
        Task running = tasks.run(definition(container("app", true, null, ""), container("side", false, null, "")));
        tasks.awaitStatus(running, "RUNNING");

        tasks.restartWithNewEngine();

        Task stopped = tasks.awaitStatus(running, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(named(stopped, "app").reason()).startsWith("CannotInspectContainerError: ");
        assertThat(named(stopped, "app").exitCode()).isNull();
    }

    @Test
    void awsvpcMetadataNamesTheTaskNetworksGatewayAndTheEniAddress() {
        tasks = SimulatedTasks.withGateway(dir, "169.254.168.0/21", "169.254.168.1");
        Task task = tasks.run("{\"family\":\"vpc\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":["
                + container("app", true, null, "") + "]}");
        Task running = tasks.awaitStatus(task, "RUNNING");
        Map<String, Object> metadata = tasks.tasks().view(SimulatedTasks.id(task)).orElseThrow()
                .containerMetadata("app");
        @SuppressWarnings("unchecked")
        Map<String, Object> network = ((List<Map<String, Object>>) metadata.get("Networks")).get(0);
        assertThat(network).containsEntry("NetworkMode", "awsvpc")
                .containsEntry("SubnetGatewayIpv4Address", "169.254.168.1/21");
        assertThat(network.get("IPv4Addresses")).isEqualTo(List.of(running.containers().get(0)
                .networkInterfaces().get(0).privateIpv4Address()));
    }

    @Test
    void twoAwsvpcTasksOnOnePortRunSideBySideUnlessEveryPortMustBePublished() {
        String definition = "{\"family\":\"vpc\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":[{"
                + "\"name\":\"app\",\"image\":\"busybox\",\"essential\":true,"
                + "\"portMappings\":[{\"containerPort\":8080}]}]}";
        tasks = SimulatedTasks.start(dir);
        Task first = tasks.awaitStatus(tasks.run(definition), "RUNNING");
        Task second = tasks.awaitStatus(tasks.run(definition), "RUNNING");
        assertThat(List.of(first, second)).allSatisfy(task -> assertThat(task.containers().get(0).networkBindings())
                .as("awsvpc tasks have no network bindings").isNullOrEmpty());
        tasks.close();

        tasks = SimulatedTasks.withAwsvpcHostPorts(dir.resolve("always"), AwsvpcHostPorts.ALWAYS);
        tasks.awaitStatus(tasks.run(definition), "RUNNING");
        Task refused = tasks.awaitStatus(tasks.run(definition), "STOPPED");
        assertThat(refused.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(refused.stoppedReason()).contains("port is already allocated");
    }

    @Test
    void stoppedTasksLeaveAfterTheRetentionWithTheirContainers() {
        tasks = SimulatedTasks.start(dir, Duration.ofSeconds(1), Duration.ofSeconds(5));
        Task task = tasks.run(definition(container("app", true, "exit:0@50ms", "")));
        tasks.awaitStatus(task, "STOPPED");
        assertThat(tasks.engine().size()).isEqualTo(1);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tasks.tasks().find(SimulatedTasks.CLUSTER, SimulatedTasks.id(task)).isPresent()) {
            assertThat(System.nanoTime()).as("task still visible after its retention").isLessThan(deadline);
            sleep(50);
        }
        assertThat(tasks.engine().size()).isZero();
        tasks.restart();
        assertThat(tasks.tasks().find(SimulatedTasks.CLUSTER, SimulatedTasks.id(task))).isEmpty();
    }

    @Test
    void listenersReceiveEveryStateChangeInOrderAndCannotBreakTheLifecycle() throws InterruptedException {
        tasks = SimulatedTasks.start(dir);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch slowRelease = new CountDownLatch(1);
        try (TaskSubscription failing = tasks.tasks().subscribe(t -> {
                 throw new IllegalStateException("listener bug");
             });
             TaskSubscription slow = tasks.tasks().subscribe(t -> await(slowRelease));
             TaskSubscription recording = tasks.tasks().subscribe(t -> {
                 seen.add(t.lastStatus() + "/" + named(t, "app").lastStatus() + "/" + named(t, "app").exitCode());
                 if ("STOPPED".equals(t.lastStatus())) {
                     stopped.countDown();
                 }
             })) {
            Task task = tasks.run(definition(container("app", true, "exit:5@200ms", "")));
            // a listener that blocks (slow) and one that throws (failing) delay nothing
            assertThat(tasks.awaitStatus(task, "STOPPED").stopCode()).isEqualTo("EssentialContainerExited");
            assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsSubsequence("PENDING/PENDING/null", "RUNNING/RUNNING/null",
                    "STOPPING/STOPPED/5", "STOPPED/STOPPED/5");
            assertThat(seen).doesNotHaveDuplicates();
            slowRelease.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
