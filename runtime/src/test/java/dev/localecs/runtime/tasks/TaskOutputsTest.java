package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ContainerLog;
import dev.localecs.api.ContainerLogSink;
import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.OutputLine;
import dev.localecs.api.error.LogDriverException;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers' output fed to log sinks on the simulated engine, and STOPPED only once it is delivered. */
class TaskOutputsTest {
    @TempDir
    Path dir;
    private SimulatedTasks tasks;

    @AfterEach
    void close() {
        if (tasks != null) {
            tasks.close();
        }
    }

    /** Delivers each line a while after it ends (as a remote destination would), recording what it got. */
    private static final class SlowSink implements ContainerLogSink {
        final List<ContainerLogSource> opened = new CopyOnWriteArrayList<>();
        final List<OutputLine> delivered = Collections.synchronizedList(new ArrayList<>());
        final Duration endDelay;

        SlowSink(Duration endDelay) {
            this.endDelay = endDelay;
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public Optional<ContainerLog> open(ContainerLogSource source) {
            if (!source.logDriver().equals("awslogs")) {
                return Optional.empty();
            }
            if (source.options().get("awslogs-group").equals("missing")) {
                throw new LogDriverException("failed to create Cloudwatch log stream: ResourceNotFoundException: "
                        + "The specified log group does not exist.");
            }
            opened.add(source);
            List<OutputLine> pending = new ArrayList<>();
            return Optional.of(new ContainerLog() {
                @Override
                public void accept(OutputLine line) {
                    pending.add(line);
                }

                @Override
                public CompletionStage<Void> end() {
                    return CompletableFuture.runAsync(() -> delivered.addAll(pending),
                            CompletableFuture.delayedExecutor(endDelay.toMillis(), TimeUnit.MILLISECONDS));
                }
            });
        }
    }

    private SimulatedTasks tasks(SlowSink sink, Duration stopWait) {
        return SimulatedTasks.withOutputs(dir, new TaskOutputs(List.of(sink),
                (taskId, role) -> AwsCredentials.of("AKID" + taskId.substring(0, 4), "secret"), stopWait));
    }

    private static String definition(String group, String script) {
        return """
                {"family": "sim", "executionRoleArn": "arn:aws:iam::000000000000:role/exec",
                 "containerDefinitions": [{"name": "app", "image": "busybox",
                   "environment": [{"name": "LOCAL_ECS_SIMULATE", "value": "%s"}],
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "%s",
                     "awslogs-stream-prefix": "web"}}},
                  {"name": "plain", "image": "busybox", "essential": false,
                   "environment": [{"name": "LOCAL_ECS_SIMULATE", "value": "lines:3"}]}]}"""
                .formatted(script, group);
    }

    @Test
    void everyLineIsDeliveredBeforeTheTaskIsStopped() {
        SlowSink sink = new SlowSink(Duration.ofMillis(700));
        tasks = tasks(sink, Duration.ofSeconds(5));
        Task task = tasks.run(definition("/ecs/app", "lines:5000@50ms;exit:0@150ms"));

        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(sink.delivered).as("delivered by the time STOPPED is visible").hasSize(5000);
        assertThat(sink.delivered.stream().map(OutputLine::text).toList())
                .startsWith("line 1", "line 2").endsWith("line 4999", "line 5000");
        assertThat(sink.opened).singleElement().satisfies(source -> {
            assertThat(source.containerName()).isEqualTo("app");
            assertThat(source.taskArn()).isEqualTo(task.taskArn());
            assertThat(source.containerId()).isEqualTo(stopped.containers().get(0).runtimeId());
            assertThat(source.options()).containsEntry("awslogs-stream-prefix", "web");
            assertThat(source.executionCredentials().get().accessKeyId())
                    .isEqualTo("AKID" + SimulatedTasks.id(task).substring(0, 4));
        });
    }

    @Test
    void afterARestartARunningContainerIsFollowedAgainAndItsStopWaitsForIt() {
        SlowSink sink = new SlowSink(Duration.ofMillis(500));
        tasks = tasks(sink, Duration.ofSeconds(5));
        Task task = tasks.run(definition("/ecs/app", "lines:3"));
        tasks.awaitStatus(task, "RUNNING");

        tasks.restart();
        tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(task), Optional.empty());
        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(sink.opened).hasSize(2);
        assertThat(sink.opened.get(0).resumed()).isFalse();
        assertThat(sink.opened.get(1).resumed()).as("opened again by the recovery").isTrue();
        assertThat(sink.opened.get(1).containerId()).isEqualTo(stopped.containers().get(0).runtimeId());
        assertThat(sink.delivered).as("both runs' deliveries done by STOPPED").extracting(OutputLine::text)
                .containsExactly("line 1", "line 2", "line 3", "line 1", "line 2", "line 3");
    }

    @Test
    void theWaitIsBoundedByStopWait() {
        SlowSink sink = new SlowSink(Duration.ofSeconds(30));
        tasks = tasks(sink, Duration.ofMillis(300));
        Task task = tasks.run(definition("/ecs/app", "lines:10;exit:0@100ms"));

        long before = System.nanoTime();
        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(sink.delivered).as("the sink is still delivering").isEmpty();
    }

    @Test
    void aSinkRefusalFailsTheContainerAsTheLogDriverWould() {
        SlowSink sink = new SlowSink(Duration.ZERO);
        tasks = tasks(sink, Duration.ofSeconds(5));
        Task task = tasks.run(definition("missing", "lines:10"));

        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        Container app = stopped.containers().stream().filter(c -> c.name().equals("app")).findFirst().orElseThrow();
        assertThat(app.reason()).isEqualTo("CannotStartContainerError: Error response from daemon: failed to "
                + "initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The "
                + "specified log group does not exist.");
        assertThat(app.exitCode()).isNull();
        assertThat(stopped.stoppedReason()).isEqualTo(app.reason());
    }

    @Test
    void secretOptionsAreResolvedAtLaunchAndWithoutAnEndpointTheTaskFailsAsForSecrets() {
        SlowSink sink = new SlowSink(Duration.ZERO);
        tasks = tasks(sink, Duration.ofSeconds(5));
        Task task = tasks.run("""
                {"family": "sim", "executionRoleArn": "arn:aws:iam::000000000000:role/exec",
                 "containerDefinitions": [{"name": "app", "image": "busybox",
                   "environment": [{"name": "LOCAL_ECS_SIMULATE", "value": "lines:3"}],
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-stream-prefix": "web"},
                     "secretOptions": [{"name": "awslogs-group", "valueFrom": "/logs/group"}]}}]}""");

        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.containers().get(0).reason()).isEqualTo("ResourceInitializationError: the log driver's "
                + "secret options cannot be retrieved: the runtime has no credentials endpoint");
        assertThat(sink.opened).as("never opened without its group").isEmpty();
    }

    @Test
    void aDriversMessageNeverRepeatsASecretOptionsValue() {
        assertThat(TaskOutputs.masked("must specify valid value for log opt 'awslogs-create-group': s3cr3t",
                Map.of("awslogs-create-group", "s3cr3t"))).isEqualTo("must specify valid value for log opt "
                + "'awslogs-create-group': ****");
        assertThat(TaskOutputs.masked("unchanged", Map.of("x", ""))).isEqualTo("unchanged");
    }
}
