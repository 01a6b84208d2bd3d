package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void taskDefinitionsApplyAndTheNextPlanShowsNoChanges() {
        Terraform terraform = new Terraform(workspace);
        terraform.write(configuration(runtime.endpoint().toString()));

        terraform.run("init", "-input=false", "-no-color");
        terraform.run("apply", "-auto-approve", "-input=false", "-no-color");

        TaskDefinition fargate = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("tf-fargate"))
                .taskDefinition();
        assertThat(fargate.compatibilitiesAsStrings()).containsExactly("EC2", "FARGATE");
        assertThat(fargate.containerDefinitions().get(0).healthCheck().interval()).isEqualTo(30);
        assertThat(fargate.volumes().get(0).efsVolumeConfiguration().rootDirectory()).isEqualTo("/");
        TaskDefinition ec2 = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("tf-ec2")).taskDefinition();
        assertThat(ec2.compatibilitiesAsStrings()).containsExactly("EXTERNAL", "EC2");
        assertThat(ec2.enableFaultInjection()).isFalse();

        Terraform.Result plan = terraform.result("plan", "-detailed-exitcode", "-input=false", "-no-color");
        assertThat(plan.exitCode()).as("terraform plan after apply shows no changes:%n%s%s", plan.output(),
                plan.error()).isZero();

        terraform.run("destroy", "-auto-approve", "-input=false", "-no-color");
        assertThat(runtime.ecs().listTaskDefinitions(r -> r.familyPrefix("tf-fargate")).taskDefinitionArns())
                .as("destroy deregisters the revision").isEmpty();
    }

    private static String configuration(String endpoint) {
        return """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws" }
                  }
                }

                provider "aws" {
                  region                      = "us-east-1"
                  access_key                  = "test"
                  secret_key                  = "test"
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                  skip_region_validation      = true
                  endpoints {
                    ecs = "%s"
                  }
                }

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
                """.formatted(endpoint);
    }

    /**
     * The real {@code terraform} binary ({@code TERRAFORM}, else {@code terraform} on the PATH) with the
     * hashicorp/aws provider from a local filesystem mirror ({@code TF_PROVIDER_MIRROR}, else
     * {@code /opt/tf-plugins}: the folder holding {@code registry.terraform.io}); never the network.
     */
    static final class Terraform {
        private final String executable = System.getenv().getOrDefault("TERRAFORM", "terraform");
        private final Path directory;
        private final Path cliConfig;

        Terraform(Path directory) {
            this.directory = directory;
            Path mirror = Path.of(System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins"));
            if (!Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/aws"))) {
                throw new AssertionError("No hashicorp/aws provider mirror at " + mirror
                        + " (set TF_PROVIDER_MIRROR to the folder holding registry.terraform.io)");
            }
            this.cliConfig = directory.resolve("terraform.tfrc");
            writeFile(cliConfig, "provider_installation {\n  filesystem_mirror {\n    path = \"" + mirror
                    + "\"\n  }\n}\n");
        }

        void write(String mainTf) {
            writeFile(directory.resolve("main.tf"), mainTf);
        }

        /** Runs a command and fails with its output when it does not succeed. */
        void run(String... args) {
            Result result = result(args);
            if (result.exitCode() != 0) {
                throw new AssertionError("terraform " + String.join(" ", args) + " failed (" + result.exitCode()
                        + "):\n" + result.output() + result.error());
            }
        }

        Result result(String... args) {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(List.of(args));
            Path out = directory.resolve("terraform.out");
            Path err = directory.resolve("terraform.err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
            env.put("TF_IN_AUTOMATION", "1");
            env.put("TF_INPUT", "0");
            env.put("CHECKPOINT_DISABLE", "1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.remove("TF_PLUGIN_CACHE_DIR");
            try {
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("terraform " + String.join(" ", args) + " did not finish within 180 s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + executable + " (install terraform)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void writeFile(Path file, String text) {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        record Result(int exitCode, String output, String error) {
        }
    }
}
