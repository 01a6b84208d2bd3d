package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * A service with the EXTERNAL deployment controller through the AWS SDK for Java v2 (the AWS CLI and boto3 on this
 * machine predate some task-set members) on the simulated engine: blue at 100 %, green at 50 % made PRIMARY, blue
 * scaled down and deleted, kept across a restart; the task sets' tasks really run and the counts follow them.
 */
class TaskSetsIT {
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private List<TaskSet> taskSets() {
        return runtime.ecs().describeTaskSets(r -> r.cluster("default").service("ext")).taskSets();
    }

    private List<Task> tasks() {
        List<String> arns = runtime.ecs().listTasks(r -> r.serviceName("ext").desiredStatus(DesiredStatus.RUNNING))
                .taskArns();
        return arns.isEmpty() ? List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
    }

    private List<TaskSet> await(Predicate<List<TaskSet>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<TaskSet> sets = taskSets();
        while (!done.test(sets)) {
            assertThat(System.nanoTime()).as("waited 30 s for " + what + ": " + sets).isLessThan(deadline);
            Thread.sleep(100);
            sets = taskSets();
        }
        return sets;
    }

    @Test
    void taskSetsRunTheirShareAndSwapThePrimary() throws InterruptedException {
        runtime.ecs().registerTaskDefinition(r -> r.family("ext").containerDefinitions(ContainerDefinition.builder()
                .name("app").image("busybox").memory(32).build()));
        var service = runtime.ecs().createService(r -> r.serviceName("ext").taskDefinition("ext").desiredCount(2)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))).service();
        assertThat(service.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);

        TaskSet blue = runtime.ecs().createTaskSet(r -> r.cluster("default").service("ext").taskDefinition("ext")
                .externalId("blue").scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(blue.taskSetArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-set/default/ext/"
                + blue.id());
        assertThat(blue.computedDesiredCount()).isEqualTo(2);
        await(sets -> sets.size() == 1 && sets.getFirst().runningCount() == 2
                && sets.getFirst().stabilityStatus() == StabilityStatus.STEADY_STATE, "blue steady");
        assertThat(tasks()).hasSize(2).allSatisfy(task -> {
            assertThat(task.startedBy()).isEqualTo(blue.id());
            assertThat(task.group()).isEqualTo("service:ext");
            assertThat(task.lastStatus()).isEqualTo("RUNNING");
        });

        TaskSet green = runtime.ecs().createTaskSet(r -> r.cluster("default").service("ext").taskDefinition("ext")
                .externalId("green").scale(s -> s.value(50.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(green.computedDesiredCount()).as("ceil(2 × 50 %)").isEqualTo(1);
        assertThat(runtime.ecs().updateServicePrimaryTaskSet(r -> r.cluster("default").service("ext")
                .primaryTaskSet(green.taskSetArn())).taskSet().status()).isEqualTo("PRIMARY");
        await(sets -> sets.stream().mapToInt(TaskSet::runningCount).sum() == 3, "green running");
        var described = runtime.ecs().describeServices(r -> r.services("ext")).services().getFirst();
        assertThat(described.runningCount()).isEqualTo(3);
        assertThat(described.taskSets()).extracting(TaskSet::externalId).containsExactlyInAnyOrder("blue", "green");

        runtime.ecs().updateTaskSet(r -> r.cluster("default").service("ext").taskSet(blue.id())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT)));
        runtime.ecs().deleteTaskSet(r -> r.cluster("default").service("ext").taskSet(blue.id()));
        List<TaskSet> left = await(sets -> sets.size() == 1, "blue gone");
        assertThat(left.getFirst().id()).isEqualTo(green.id());
        assertThat(left.getFirst().status()).isEqualTo("PRIMARY");
        assertThat(tasks()).singleElement().satisfies(task -> assertThat(task.startedBy()).isEqualTo(green.id()));

        assertThatThrownBy(() -> runtime.ecs().updateTaskSet(r -> r.cluster("default").service("ext")
                .taskSet(blue.id()).scale(s -> s.value(10.0).unit(ScaleUnit.PERCENT))))
                .isInstanceOf(TaskSetNotFoundException.class);
        runtime.restart();
        // kept with the service; the simulated engine's containers are gone after a restart, so the task is replaced
        await(sets -> sets.size() == 1 && sets.getFirst().id().equals(green.id())
                && "PRIMARY".equals(sets.getFirst().status()) && sets.getFirst().runningCount() == 1,
                "green kept and running after a restart");

        runtime.ecs().createService(r -> r.serviceName("plain").taskDefinition("ext").desiredCount(0));
        assertThatThrownBy(() -> runtime.ecs().createTaskSet(r -> r.cluster("default").service("plain")
                .taskDefinition("ext"))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Amazon ECS only supports task set management on services configured to use "
                        + "external deployment controllers.");
    }
}
