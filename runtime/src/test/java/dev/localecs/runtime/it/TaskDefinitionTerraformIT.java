package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Terraform's hashicorp/aws provider against the emulator: {@code aws_ecs_task_definition} resources with a
 * health check given only its command, an EFS volume given only its file system and a Docker volume given no
 * scope apply, and the next {@code terraform plan} shows no changes — every default ECS fills is one Terraform
 * expects, and none it does not.
 */
class TaskDefinitionTerraformIT extends RuntimeTestBase {
    @TempDir
    Path workspace;

    @Test
    void taskDefinitionsApplyAndTheNextPlanShowsNoChanges() throws Exception {
        Terraform terraform = Terraform.in(workspace, runtime.endpoint());
        terraform.write(RESOURCES);

        terraform.run("init", "-input=false");
        terraform.run("apply", "-auto-approve", "-input=false");

        TaskDefinition fargate = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("tf-fargate"))
                .taskDefinition();
        assertThat(fargate.compatibilitiesAsStrings()).containsExactly("EC2", "FARGATE");
        assertThat(fargate.containerDefinitions().get(0).healthCheck().interval()).isEqualTo(30);
        assertThat(fargate.volumes().get(0).efsVolumeConfiguration().rootDirectory()).isEqualTo("/");
        TaskDefinition ec2 = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("tf-ec2")).taskDefinition();
        assertThat(ec2.compatibilitiesAsStrings()).containsExactly("EXTERNAL", "EC2");
        assertThat(ec2.enableFaultInjection()).isFalse();

        assertThat(terraform.plan()).as("terraform plan after apply shows no changes").isZero();

        terraform.run("destroy", "-auto-approve", "-input=false");
        assertThat(runtime.ecs().listTaskDefinitions(r -> r.familyPrefix("tf-fargate")).taskDefinitionArns())
                .as("destroy deregisters the revision").isEmpty();
    }

    private static final String RESOURCES = """
                resource "aws_ecs_task_definition" "fargate" {
                  family                   = "tf-fargate"
                  network_mode             = "awsvpc"
                  requires_compatibilities = ["FARGATE"]
                  cpu                      = "256"
                  memory                   = "512"
                  container_definitions = jsonencode([{
                    name         = "app"
                    image        = "busybox"
                    essential    = true
                    portMappings = [{ containerPort = 8080 }]
                    healthCheck  = { command = ["CMD-SHELL", "true"] }
                    mountPoints  = [{ sourceVolume = "shared", containerPath = "/shared" }]
                  }])
                  volume {
                    name = "shared"
                    efs_volume_configuration {
                      file_system_id = "fs-12345678"
                    }
                  }
                  tags = { team = "payments" }
                }

                resource "aws_ecs_task_definition" "ec2" {
                  family = "tf-ec2"
                  container_definitions = jsonencode([{
                    name        = "worker"
                    image       = "busybox"
                    memory      = 64
                    healthCheck = { command = ["CMD", "true"], startPeriod = 10 }
                    mountPoints = [{ sourceVolume = "cache", containerPath = "/cache" }]
                  }])
                  volume {
                    name = "cache"
                    docker_volume_configuration {
                      autoprovision = false
                    }
                  }
                  volume {
                    name = "scratch"
                  }
                }
                """;
}
