package dev.localecs.runtime.ui;

import com.github.dockerjava.api.DockerClient;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskService;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.runtime.docker.DockerClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A task's container output, for the dashboard's log view and {@code local-ecs-api run}/{@code logs}: each
 * container's awslogs stream in the embedded CloudWatch Logs when it has one, otherwise Docker's log. While
 * following, containers are picked up as they are created, and the output ends once the task stopped and
 * every container's output was written.
 */
final class TaskOutput implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** How long a followed container may write nothing before its output stops being followed. */
    static final Duration QUIET_LIMIT = Duration.ofHours(24);

    private final TaskService tasks;
    private final TaskDefinitionRegistry definitions;
    private final ActionCalls calls;
    private final boolean dockerEngine;
    private final String dockerHost;
    private DockerClient docker;

    TaskOutput(TaskService tasks, TaskDefinitionRegistry definitions, ActionCalls calls, String engineName,
               String dockerHost) {
        this.tasks = tasks;
        this.definitions = definitions;
        this.calls = calls;
        this.dockerEngine = engineName.equals("docker");
        this.dockerHost = dockerHost;
    }

    /**
     * Writes a task's output to the sink and ends it with the task's status.
     *
     * @param cluster the cluster name
     * @param taskId the task id
     * @param follow whether to follow until the task stopped
     * @param sink where the lines go
     * @throws InterruptedException when interrupted
     */
    void write(String cluster, String taskId, boolean follow, OutputSink sink) throws InterruptedException {
        Optional<Task> found = tasks.find(cluster, taskId);
        if (found.isEmpty()) {
            sink.end("MISSING");
            return;
        }
        Map<String, ContainerDefinition> containerDefinitions = definitions.resolve(found.get().taskDefinitionArn())
                .map(TaskDefinition::containerDefinitions).orElse(List.of()).stream()
                .collect(Collectors.toMap(ContainerDefinition::name, Function.identity(), (a, b) -> a));
        if (!dockerEngine) {
            sink.note("The simulated engine runs no processes: containers write no output.");
        }
        Set<String> started = new HashSet<>();
        List<Thread> followers = new ArrayList<>();
        Task task = found.get();
        long keepAlive = System.nanoTime();
        while (!sink.broken()) {
            boolean stopped = task.lastStatus().equals("STOPPED");
            for (Container container : task.containers()) {
                if (started.contains(container.name())) {
                    continue;
                }
                Optional<Runnable> copy = source(container, containerDefinitions.get(container.name()), taskId,
                        follow, cluster, sink);
                if (copy.isPresent()) {
                    started.add(container.name());
                    followers.add(Thread.ofVirtual().name("ui-output-" + taskId + "-" + container.name())
                            .start(copy.get()));
                }
            }
            if (!follow || stopped) {
                break;
            }
            Thread.sleep(POLL);
            if (System.nanoTime() - keepAlive > Duration.ofSeconds(10).toNanos()) {
                sink.keepAlive();
                keepAlive = System.nanoTime();
            }
            task = tasks.find(cluster, taskId).orElse(task);
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Thread follower : followers) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!follower.join(Duration.ofMillis(left))) {
                follower.interrupt();
            }
        }
        sink.end(tasks.find(cluster, taskId).map(Task::lastStatus).orElse(task.lastStatus()));
    }

    private Optional<Runnable> source(Container container, ContainerDefinition definition, String taskId,
                                      boolean follow, String cluster, OutputSink sink) {
        Optional<AwslogsOutput> awslogs = definition == null ? Optional.empty()
                : AwslogsOutput.of(calls, definition, taskId).filter(AwslogsOutput::exists);
        if (awslogs.isPresent()) {
            return Optional.of(() -> {
                try {
                    awslogs.get().copy(follow, () -> tasks.find(cluster, taskId)
                            .map(task -> task.lastStatus().equals("STOPPED")).orElse(true), sink);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!dockerEngine || container.runtimeId() == null) {
            return Optional.empty();
        }
        DockerClient client = docker();
        return Optional.of(() -> DockerOutput.copy(client, container.runtimeId(), container.name(), follow, sink));
    }

    private synchronized DockerClient docker() {
        if (docker == null) {
            // the response timeout bounds silence: a followed log may be quiet for a long time
            docker = DockerClients.create(dockerHost, QUIET_LIMIT);
        }
        return docker;
    }

    @Override
    public synchronized void close() {
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException e) {
                docker = null;
            }
        }
    }
}
