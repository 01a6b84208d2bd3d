package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Terraform (the hashicorp/aws provider from the local mirror) manages a task set of a service with the
 * EXTERNAL deployment controller, and a service with the CODE_DEPLOY controller: apply (their tasks really run, on
 * the simulated engine), a plan with no changes, a changed scale applied, a clean plan again, destroy (the task
 * sets, the services and their tasks are gone).
 */
class TaskSetTerraformIT {
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void appliesATaskSetThenPlansCleanScalesAndDestroys() throws Exception {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
        Terraform terraform = Terraform.in(state.resolve("terraform"), runtime.endpoint());
        terraform.write(configuration(50));
        terraform.run("init", "-input=false");

        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after apply").isZero();
        TaskSet set = taskSets().get(0);
        assertThat(set.scale().value()).isEqualTo(50.0);
        assertThat(set.computedDesiredCount()).isEqualTo(2);
        assertThat(set.externalId()).isEqualTo("blue");
        var bluegreen = runtime.ecs().describeServices(r -> r.cluster("tasksets-tf").services("tasksets-tf-bg"))
                .services().getFirst();
        assertThat(bluegreen.deploymentController().typeAsString()).isEqualTo("CODE_DEPLOY");
        assertThat(bluegreen.taskSets()).as("CreateService made the PRIMARY task set").singleElement()
                .satisfies(primary -> assertThat(primary.status()).isEqualTo("PRIMARY"));

        terraform.write(configuration(100));
        assertThat(terraform.plan()).as("plan after changing the scale (2: changes)").isEqualTo(2);
        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after the second apply").isZero();
        assertThat(taskSets().get(0).computedDesiredCount()).isEqualTo(4);

        terraform.run("destroy", "-input=false", "-auto-approve");
        // the cluster could only go once the task set and the service were gone (ECS refuses it before)
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("tasksets-tf")).clusters())
                .singleElement().satisfies(cluster -> assertThat(cluster.status()).isEqualTo("INACTIVE"));
    }

    private List<TaskSet> taskSets() {
        return runtime.ecs().describeTaskSets(r -> r.cluster("tasksets-tf").service("tasksets-tf")).taskSets();
    }

    private static String configuration(int percent) {
        return """
                resource "aws_ecs_cluster" "c" {
                  name = "tasksets-tf"
                }

                resource "aws_ecs_task_definition" "web" {
                  family                = "tasksets-tf"
                  container_definitions = jsonencode([{ name = "web", image = "busybox", memory = 32, essential = true }])
                }

                resource "aws_ecs_service" "svc" {
                  name            = "tasksets-tf"
                  cluster         = aws_ecs_cluster.c.id
                  task_definition = aws_ecs_task_definition.web.arn
                  desired_count   = 4
                  deployment_controller {
                    type = "EXTERNAL"
                  }
                }

                resource "aws_ecs_service" "bluegreen" {
                  name            = "tasksets-tf-bg"
                  cluster         = aws_ecs_cluster.c.id
                  task_definition = aws_ecs_task_definition.web.arn
                  desired_count   = 1
                  deployment_controller {
                    type = "CODE_DEPLOY"
                  }
                }

                resource "aws_ecs_task_set" "blue" {
                  service         = aws_ecs_service.svc.id
                  cluster         = aws_ecs_cluster.c.id
                  task_definition = aws_ecs_task_definition.web.arn
                  external_id     = "blue"
                  launch_type     = "EC2"
                  force_delete    = true
                  scale {
                    unit  = "PERCENT"
                    value = %d
                  }
                }
                """.formatted(percent);
    }
}
