package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.model.ManagedAgent;
import dev.localecs.api.model.Task;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECS Exec on the task side: the managed agent DescribeTasks shows, and interactive commands on the simulated engine. */
class ExecuteCommandAgentTest {
    private static final String DEFINITION = "{\"family\":\"exec\",\"containerDefinitions\":[{\"name\":\"app\","
            + "\"image\":\"busybox\"}]}";

    @TempDir
    Path dir;
    private SimulatedTasks tasks;

    @AfterEach
    void close() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private Task run(boolean enableExecuteCommand) {
        RunTaskSpec spec = SimulatedTasks.spec(DEFINITION, Optional.empty());
        return tasks.tasks().run(new RunTaskSpec(spec.taskDefinition(), spec.cluster(), spec.overrides(),
                spec.startedBy(), spec.group(), spec.launchType(), spec.capacityProviderName(), spec.platformVersion(),
                spec.subnetId(), enableExecuteCommand, spec.tags()));
    }

    @Test
    void theExecuteCommandAgentRunsWhileTheContainerRuns() {
        tasks = SimulatedTasks.start(dir);
        Task task = run(true);
        assertThat(task.enableExecuteCommand()).isTrue();
        assertThat(task.containers().get(0).managedAgents()).extracting(ManagedAgent::lastStatus)
                .containsExactly("PENDING");

        Task running = tasks.awaitStatus(task, "RUNNING");
        ManagedAgent agent = running.containers().get(0).managedAgents().get(0);
        assertThat(agent.name()).isEqualTo("ExecuteCommandAgent");
        assertThat(agent.lastStatus()).isEqualTo("RUNNING");
        assertThat(agent.lastStartedAt()).isNotNull();

        tasks.tasks().stop(SimulatedTasks.CLUSTER, SimulatedTasks.id(task), Optional.empty());
        Task stopped = tasks.awaitStatus(task, "STOPPED");
        assertThat(stopped.containers().get(0).managedAgents()).extracting(ManagedAgent::lastStatus)
                .containsExactly("STOPPED");
    }

    @Test
    void tasksWithoutExecHaveNoManagedAgent() {
        tasks = SimulatedTasks.start(dir);
        Task running = tasks.awaitStatus(run(false), "RUNNING");
        assertThat(running.enableExecuteCommand()).isFalse();
        assertThat(running.containers().get(0).managedAgents()).isEmpty();
    }

    @Test
    void anInteractiveCommandOnTheSimulatedEngineSaysNothingRunsAndEndsWith126() throws Exception {
        tasks = SimulatedTasks.start(dir);
        Task task = tasks.awaitStatus(run(true), "RUNNING");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        CompletableFuture<Optional<Integer>> end = new CompletableFuture<>();
        InteractiveExec.Output output = new InteractiveExec.Output() {
            @Override
            public void write(byte[] data) {
                synchronized (terminal) {
                    terminal.writeBytes(data);
                }
            }

            @Override
            public void ended(Optional<Integer> exitCode) {
                end.complete(exitCode);
            }
        };
        String id = SimulatedTasks.id(task);
        assertThat(tasks.tasks().execInteractive(SimulatedTasks.CLUSTER, id, "app", List.of("/bin/sh"), output))
                .isPresent();
        assertThat(end.get(5, TimeUnit.SECONDS)).contains(126);
        synchronized (terminal) {
            assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("runs no processes: '/bin/sh'");
        }
        assertThat(tasks.tasks().execInteractive(SimulatedTasks.CLUSTER, id, "ghost", List.of("sh"), output))
                .isEmpty();

        tasks.tasks().stop(SimulatedTasks.CLUSTER, id, Optional.empty());
        tasks.awaitStatus(task, "STOPPED");
        assertThatThrownBy(() -> tasks.tasks().execInteractive(SimulatedTasks.CLUSTER, id, "app", List.of("sh"),
                output)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is not running");
    }
}
