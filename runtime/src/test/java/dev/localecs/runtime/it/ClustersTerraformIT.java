package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Terraform (the hashicorp/aws provider from a local filesystem mirror) manages a cluster with settings,
 * execute-command configuration, Service Connect defaults, tags and capacity providers: apply, a plan that
 * shows no changes, a changed setting applied, a clean plan again, destroy. Every ECS call the provider makes
 * is answered locally (no upstream is configured); nothing leaves 127.0.0.1.
 */
class ClustersTerraformIT extends RuntimeTestBase {
    private static final String NAMESPACE =
            "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-clustersterraform";

    @Test
    void appliesClusterAndCapacityProvidersThenPlansCleanAcrossASettingChangeAndDestroys() throws Exception {
        Terraform terraform = Terraform.in(state.resolve("terraform"), runtime.endpoint());
        terraform.write(configuration("enabled"));
        terraform.run("init", "-input=false");

        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after apply").isZero();
        Cluster applied = describe();
        assertThat(applied.settings()).extracting(ClusterSetting::value).containsExactly("enabled");
        assertThat(applied.configuration().executeCommandConfiguration().logConfiguration().cloudWatchLogGroupName())
                .isEqualTo("clusters-exec");
        assertThat(applied.serviceConnectDefaults().namespace()).isEqualTo(NAMESPACE);
        assertThat(applied.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(applied.capacityProviders()).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(applied.defaultCapacityProviderStrategy()).extracting(s -> s.capacityProvider() + ":" + s.base()
                + ":" + s.weight()).containsExactlyInAnyOrder("FARGATE:1:1", "FARGATE_SPOT:0:4");

        terraform.write(configuration("disabled"));
        assertThat(terraform.plan()).as("plan after changing containerInsights").isEqualTo(2);
        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after the second apply").isZero();
        assertThat(describe().settings()).extracting(ClusterSetting::value).containsExactly("disabled");

        terraform.run("destroy", "-input=false", "-auto-approve");
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("clusters-tf")).clusters())
                .extracting(Cluster::status).containsExactly("INACTIVE");
    }

    private Cluster describe() {
        return runtime.ecs().describeClusters(r -> r.clusters("clusters-tf").include(ClusterField.SETTINGS,
                ClusterField.CONFIGURATIONS, ClusterField.TAGS)).clusters().get(0);
    }

    private static String configuration(String containerInsights) {
        return """
                resource "aws_ecs_cluster" "main" {
                  name = "clusters-tf"
                  setting {
                    name  = "containerInsights"
                    value = "%s"
                  }
                  configuration {
                    execute_command_configuration {
                      logging = "OVERRIDE"
                      log_configuration {
                        cloud_watch_log_group_name = "clusters-exec"
                      }
                    }
                  }
                  service_connect_defaults {
                    namespace = "%s"
                  }
                  tags = {
                    team = "platform"
                  }
                }

                resource "aws_ecs_cluster_capacity_providers" "main" {
                  cluster_name       = aws_ecs_cluster.main.name
                  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
                  default_capacity_provider_strategy {
                    capacity_provider = "FARGATE"
                    base              = 1
                    weight            = 1
                  }
                  default_capacity_provider_strategy {
                    capacity_provider = "FARGATE_SPOT"
                    weight            = 4
                  }
                }
                """.formatted(containerInsights, NAMESPACE);
    }

    /**
     * The real {@code terraform} CLI in a working folder of its own, with the hashicorp/aws provider installed
     * from a filesystem mirror only (no registry, no checkpoint call), pointed at the runtime for ECS.
     */
    private static final class Terraform {
        private static final Path MIRROR =
                Path.of(System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins"));
        private final Path dir;
        private final URI endpoint;
        private final String executable;

        private Terraform(Path dir, URI endpoint, String executable) {
            this.dir = dir;
            this.endpoint = endpoint;
            this.executable = executable;
        }

        /** Fails (never skips) when terraform or the provider mirror is missing. */
        static Terraform in(Path dir, URI endpoint) throws IOException {
            String executable = System.getenv().getOrDefault("TERRAFORM", "terraform");
            assertThat(onPath(executable)).as("terraform must be installed (on PATH, or named by TERRAFORM)").isTrue();
            assertThat(MIRROR.resolve("registry.terraform.io/hashicorp/aws")).as("the hashicorp/aws provider mirror "
                    + "(TF_PROVIDER_MIRROR, default /opt/tf-plugins) must hold registry.terraform.io/hashicorp/aws")
                    .isDirectory();
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("cli.tfrc"), """
                    provider_installation {
                      filesystem_mirror {
                        path    = "%s"
                        include = ["registry.terraform.io/hashicorp/aws"]
                      }
                    }
                    """.formatted(MIRROR));
            return new Terraform(dir, endpoint, executable);
        }

        private static boolean onPath(String executable) {
            if (executable.contains("/")) {
                return Files.isExecutable(Path.of(executable));
            }
            for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, executable))) {
                    return true;
                }
            }
            return false;
        }

        /** Writes {@code main.tf}: the provider block pointed at the runtime, then the resources. */
        void write(String resources) throws IOException {
            Files.writeString(dir.resolve("main.tf"), """
                    terraform {
                      required_providers {
                        aws = {
                          source = "hashicorp/aws"
                        }
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

                    """.formatted(endpoint) + resources);
        }

        /** {@code terraform plan -detailed-exitcode}: 0 no changes, 2 changes; an error fails the test. */
        int plan() throws Exception {
            Result result = execute(List.of("plan", "-input=false", "-detailed-exitcode"));
            assertThat(result.exitCode()).as("terraform plan: " + result.output()).isIn(0, 2);
            return result.exitCode();
        }

        void run(String... args) throws Exception {
            Result result = execute(List.of(args));
            assertThat(result.exitCode()).as("terraform " + String.join(" ", args) + ": " + result.output()).isZero();
        }

        private Result execute(List<String> args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(args);
            command.add("-no-color");
            Path log = Files.createTempFile(dir, "terraform", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            env.put("HOME", dir.toString());
            env.put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
            env.put("TF_DATA_DIR", dir.resolve("data").toString());
            env.put("TF_IN_AUTOMATION", "1");
            env.put("CHECKPOINT_DISABLE", "1");
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("terraform " + args + " did not finish within 300 s: " + read(log));
            }
            return new Result(process.exitValue(), read(log));
        }

        private static String read(Path log) {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private record Result(int exitCode, String output) {
        }
    }
}
