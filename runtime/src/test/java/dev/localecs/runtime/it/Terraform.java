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

/**
 * The real {@code terraform} CLI in a working folder of its own, with the hashicorp/aws provider installed
 * from a filesystem mirror only (no registry, no checkpoint call), pointed at the runtime for ECS.
 */
final class Terraform {
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

    Result execute(List<String> args) throws Exception {
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

    record Result(int exitCode, String output) {
    }
}
