package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Terraform's hashicorp/aws provider against the emulator, tasks on the real Docker engine: an
 * {@code aws_ecs_service} with {@code wait_for_steady_state = true} applies, the next plan shows no changes (every default ECS fills in is one
 * Terraform expects), a change of image rolls the service to the new revision, and destroy leaves it INACTIVE.
 */
class ServicesTerraformIT {
    @TempDir
    Path state;
    @TempDir
    Path workspace;
    private RuntimeFixture runtime;

    /** A second tag of the test image, so that a change of image needs no registry. */
    private static final String SECOND_IMAGE = "local/busybox:svc-tf";

    @BeforeAll
    static void images() throws Exception {
        TestImages.ensure();
        Docker.run("tag", TestImages.BUSYBOX, SECOND_IMAGE);
    }

    @AfterAll
    static void removeImage() throws Exception {
        Docker.run("rmi", SECOND_IMAGE);
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=tf-svc");
    }

    private Service service() {
        return runtime.ecs().describeServices(r -> r.services("tf-web")).services().getFirst();
    }

    private List<Task> running() {
        List<String> arns = runtime.ecs().listTasks(r -> r.serviceName("tf-web").desiredStatus(DesiredStatus.RUNNING))
                .taskArns();
        return arns.isEmpty() ? List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
    }

    /** The image variable, in the tfvars file Terraform reads by itself (so {@code plan} sees it too). */
    private void image(String image) throws java.io.IOException {
        java.nio.file.Files.writeString(workspace.resolve("terraform.tfvars"), "image = \"" + image + "\"\n");
    }

    @Test
    void aServiceAppliesWaitsForSteadyStateRollsANewImageAndIsInactiveAfterDestroy() throws Exception {
        Terraform terraform = Terraform.in(workspace, runtime.endpoint());
        terraform.write(RESOURCES);
        terraform.run("init", "-input=false");
        image(TestImages.BUSYBOX);
        terraform.run("apply", "-auto-approve", "-input=false");

        Service applied = service();
        assertThat(applied.status()).isEqualTo("ACTIVE");
        assertThat(applied.runningCount()).as("wait_for_steady_state waited for the tasks").isEqualTo(2);
        assertThat(applied.deployments()).singleElement();
        assertThat(running()).hasSize(2).allSatisfy(task -> assertThat(task.taskDefinitionArn())
                .endsWith("task-definition/tf-svc:1"));
        assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(applied.serviceArn())).tags())
                .extracting(tag -> tag.key() + "=" + tag.value()).containsExactly("team=payments");

        assertThat(terraform.plan()).as("terraform plan after apply shows no changes").isZero();

        image(SECOND_IMAGE);
        terraform.run("apply", "-auto-approve", "-input=false");
        Service rolled = service();
        assertThat(rolled.taskDefinition()).endsWith("task-definition/tf-svc:2");
        assertThat(rolled.deployments()).singleElement()
                .satisfies(d -> assertThat(d.taskDefinition()).endsWith("tf-svc:2"));
        assertThat(running()).hasSize(2).allSatisfy(task -> assertThat(task.taskDefinitionArn())
                .endsWith("task-definition/tf-svc:2"));
        assertThat(terraform.plan()).as("no changes after the rolling update either").isZero();

        terraform.run("destroy", "-auto-approve", "-input=false");
        assertThat(service().status()).as("destroy leaves the service INACTIVE").isEqualTo("INACTIVE");
        assertThat(running()).isEmpty();
    }

    private static final String RESOURCES = """
            variable "image" {
              type = string
            }

            resource "aws_ecs_task_definition" "web" {
              family = "tf-svc"
              container_definitions = jsonencode([{
                name      = "app"
                image       = var.image
                memory      = 32
                essential   = true
                command     = ["sleep", "3600"]
                stopTimeout = 2
              }])
            }

            resource "aws_ecs_service" "web" {
              name                  = "tf-web"
              task_definition       = aws_ecs_task_definition.web.arn
              desired_count         = 2
              wait_for_steady_state = true

              deployment_circuit_breaker {
                enable   = true
                rollback = true
              }

              tags = { team = "payments" }
            }
            """;
}
