package dev.localecs.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI v2 (Debian's {@code awscli}, {@code /usr/bin/aws} unless {@code AWS_CLI} says
 * otherwise) against an endpoint, with throwaway credentials and no user configuration.
 */
final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String executable = System.getenv().getOrDefault("AWS_CLI", "/usr/bin/aws");
    private final URI endpoint;

    AwsCli(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The CLI's version line, e.g. {@code aws-cli/2.9.19 ...}. */
    String version() {
        return run(List.of("--version")).output().trim();
    }

    /** Runs {@code aws ecs <args> --endpoint-url ...} and returns its JSON output; fails on a non-zero exit. */
    JsonNode ecs(String... args) {
        return json("ecs", args);
    }

    /** Runs {@code aws ecs <args>} and returns whatever happened. */
    Result ecsResult(String... args) {
        return serviceResult("ecs", args);
    }

    /** Runs {@code aws logs <args> --endpoint-url ...} and returns its JSON output; fails on a non-zero exit. */
    JsonNode logs(String... args) {
        return json("logs", args);
    }

    /** Runs {@code aws <service> <args> --endpoint-url ...} and returns its JSON output; fails on a non-zero exit. */
    JsonNode json(String service, String... args) {
        Result result = serviceResult(service, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("aws " + service + " " + String.join(" ", args) + " failed (" + result.exitCode()
                    + "): " + result.error());
        }
        try {
            return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code aws <service> <args>} against the endpoint and returns whatever happened. */
    Result serviceResult(String service, String... args) {
        List<String> command = new ArrayList<>();
        command.add(service);
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", "us-east-1", "--output", "json"));
        return run(command);
    }

    /**
     * Starts {@code aws <service> <args>} against the endpoint without waiting (e.g. {@code logs tail --follow}),
     * its output going to a file; the caller destroys it.
     */
    Process start(java.nio.file.Path output, String service, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(service);
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", "us-east-1"));
        Process process = builder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        return process;
    }

    private Result run(List<String> args) {
        ProcessBuilder builder = builder(args);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + args + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + executable + " (install Debian's awscli)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return builder;
    }

    record Result(int exitCode, String output, String error) {
    }
}
