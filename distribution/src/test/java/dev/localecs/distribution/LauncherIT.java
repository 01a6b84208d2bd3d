package dev.localecs.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged layout {@code target/local-ecs-api/} started by its own launcher, as users run it: plugins load
 * from the zips in {@code plugins/}, configuration comes from {@code config/} and the environment, and
 * definitions survive stopping and starting the process.
 */
class LauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path DISTRIBUTION = Path.of(System.getProperty("distribution.dir", "target/local-ecs-api"));

    @TempDir
    Path state;
    @TempDir
    Path plugins;
    private Process process;
    private Path log;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private int launch() throws Exception {
        return launch(Map.of());
    }

    private int launch(Map<String, String> extra) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        log = Files.createTempFile(state.getParent(), "launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(DISTRIBUTION.resolve("bin/local-ecs-api").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("STATE_DIR", state.toString());
        env.put("PLUGINS_DIR", plugins.toString());
        env.put("AWS_DEFAULT_REGION", "eu-central-1");
        env.remove("ECS_ENDPOINT_URL");
        env.putAll(extra);
        process = builder.start();
        awaitAnswering(port);
        return port;
    }

    /** Until {@code /health} answers: 200 (UP) or 503 (DOWN, DEGRADED), which each test then checks. */
    private void awaitAnswering(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("launcher exited early: %s", read(log)).isTrue();
            try {
                int status = get(port, "/health").statusCode();
                if (status == 200 || status == 503) {
                    return;
                }
            } catch (ConnectException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("/health did not answer within 60 s: " + read(log));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode post(int port, String operation, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(20))
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void classesAreSharedAfterACleanStopAndNeverKeptFromAKilledRun(@TempDir Path cache) throws Exception {
        Map<String, String> env = Map.of("LOCAL_ECS_CACHE_DIR", cache.toString(), "TASKS_ENGINE", "simulated",
                "ENDPOINT_MODE", "disabled");
        launch(env);
        // a run killed hard (the JVM under the launcher) keeps nothing, not even a partial archive
        ProcessHandle jvm = process.toHandle().descendants().findFirst().orElseThrow();
        assertThat(jvm.info().arguments().map(List::of).orElseThrow())
                .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        jvm.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
        // a clean stop (SIGTERM to the launcher) keeps the archive of the classes the service loaded
        launch(env);
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<Path> archives;
        try (var files = Files.list(cache)) {
            archives = files.toList();
        }
        assertThat(archives).hasSize(1).allMatch(f -> f.getFileName().toString().matches("classes-[0-9a-f]{16}\\.jsa"));
        assertThat(Files.size(archives.get(0))).isGreaterThan(1_000_000);
        // later runs map it (and the launcher is then the JVM itself)
        launch(env);
        assertThat(process.info().arguments().map(List::of).orElseThrow())
                .contains("-XX:SharedArchiveFile=" + archives.get(0));
    }

    @Test
    void launcherServesThePackagedPluginsAndKeepsStateAcrossRestarts() throws Exception {
        try (var zips = Files.list(DISTRIBUTION.resolve("plugins"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        int port = launch();

        JsonNode health = JSON.readTree(get(port, "/health").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("plugins").findValuesAsText("id")).containsExactlyInAnyOrder("ecs-clusters", "compose-overrides", "ecs-tasks", "credentials",
                "ecs-task-definitions", "ecs-services", "ecs-container-instances", "ecs-account", "ecs-daemons",
                "ecs-gateways", "eventbridge-events",
                "cloudwatch-logs");
        assertThat(health.get("plugins").findValuesAsText("state")).containsOnly("STARTED");

        JsonNode registered = post(port, "RegisterTaskDefinition", """
                {"family": "launcher", "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 16}]}""");
        assertThat(registered.at("/taskDefinition/taskDefinitionArn").asText())
                .isEqualTo("arn:aws:ecs:eu-central-1:000000000000:task-definition/launcher:1");

        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        port = launch();

        assertThat(post(port, "DescribeTaskDefinition", "{\"taskDefinition\": \"launcher\"}")
                .at("/taskDefinition/revision").asInt()).isEqualTo(1);
        assertThat(read(log)).contains("Registering action RegisterTaskDefinition from plugin ecs-task-definitions");

        Path output = state.getParent().resolve("converted-from-registry");
        Result converted = convert(List.of("--task-def", "launcher:1", "--output", output.toString()));
        assertThat(converted.exitCode()).as(converted.output()).isZero();
        assertThat(output.resolve("docker-compose.ecs-local.effective.yml")).content().contains("image: busybox");
    }

    record Result(int exitCode, String output) {
    }

    private Result convert(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DISTRIBUTION.resolve("bin/local-ecs-api").toString(),
                "convert"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STATE_DIR", state.toString());
        builder.environment().put("PLUGINS_DIR", plugins.toString());
        builder.environment().put("COMPOSE_DEST", state.getParent().resolve("no-drop-ins").toString());
        Process convert = builder.start();
        String output = new String(convert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(convert.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(convert.exitValue(), output);
    }

    @Test
    void convertWritesTheComposeProjectWithoutRunningAnything() throws Exception {
        try (var zips = Files.list(DISTRIBUTION.resolve("plugins"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        Path definition = Files.writeString(state.getParent().resolve("td.json"), """
                {"family": "cli-demo", "networkMode": "awsvpc", "taskRoleArn": "arn:aws:iam::000000000000:role/r",
                 "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 64,
                   "portMappings": [{"containerPort": 8080}]}]}""");
        Path overrides = Files.writeString(state.getParent().resolve("run-task.json"), """
                {"cluster": "demo", "overrides": {"containerOverrides": [{"name": "app", "command": ["sleep", "9"]}]}}""");
        Path output = state.getParent().resolve("converted");

        Result result = convert(List.of("--task-def-file", definition.toString(), "--overrides", overrides.toString(),
                "--task-id", "0123456789abcdef0123456789abcdef", "--output", output.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Compose project ecs-cli-demo-0123456789abcdef0123456789abcdef");
        try (var files = Files.list(output)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "docker-compose.ecs-local.task.yml", "docker-compose.ecs-local.run-task-override.yml",
                    "docker-compose.ecs-local.task-network-override.yml", "docker-compose.ecs-local.effective.yml");
        }
        String effective = Files.readString(output.resolve("docker-compose.ecs-local.effective.yml"));
        assertThat(effective).contains("- sleep").contains("- \"9\"")
                .contains("com.amazonaws.ecs.task-arn: arn:aws:ecs:us-east-1:000000000000:task/demo/")
                .contains("network_mode: service:ecs-local-pause")
                .contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: /v2/credentials/");

        Result bad = convert(List.of("--task-def-file", output.resolve("missing.json").toString(), "--output",
                output.toString()));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("does not exist");
    }

    @Test
    void runThroughTheLauncherExitsWithTheEssentialContainersCodeAndPrintsPlainText() throws Exception {
        try (var zips = Files.list(DISTRIBUTION.resolve("plugins"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        int port = launch(Map.of("TASKS_ENGINE", "simulated", "ENDPOINT_MODE", "disabled"));
        assertThat(get(port, "/ui/").body()).as("the dashboard is in the packaged runtime jar")
                .contains("<script type=\"module\" src=\"/ui/app.js\">");
        assertThat(get(port, "/ui/app.js").statusCode()).isEqualTo(200);
        Path definition = Files.writeString(state.getParent().resolve("run-td.json"), """
                {"family": "launched", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 16,
                   "environment": [{"name": "LOCAL_ECS_SIMULATE", "value": "exit:3@1s"}]}]}""");

        Result run = client(List.of("run", "--task-def-file", definition.toString(), "--endpoint",
                "http://127.0.0.1:" + port));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("STOPPED (EssentialContainerExited").doesNotContain("\u001b");
        Path overrides = Files.writeString(state.getParent().resolve("run-overrides.json"), """
                {"overrides": {"containerOverrides": [{"name": "app",
                   "environment": [{"name": "LOCAL_ECS_SIMULATE", "value": "exit:4@1s"}]}]}}""");
        Result again = client(List.of("run", "--task-def", "launched:1", "--overrides", overrides.toString(),
                "--endpoint", "http://127.0.0.1:" + port));
        assertThat(again.exitCode()).as(again.output()).isEqualTo(4);
        Result ps = client(List.of("ps", "--all", "--endpoint", "http://127.0.0.1:" + port));
        assertThat(ps.output()).contains("launched:1", "app:STOPPED(3)", "app:STOPPED(4)");
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Result nobody = client(List.of("ps", "--endpoint", "http://127.0.0.1:" + port));
        assertThat(nobody.exitCode()).isEqualTo(125);
        assertThat(nobody.output()).contains("No local-ecs-api runtime answers at http://127.0.0.1:" + port);
    }

    private Result client(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DISTRIBUTION.resolve("bin/local-ecs-api").toString()));
        command.addAll(args);
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(client.exitValue(), output);
    }

    /**
     * The credentials plugin's own AWS SDK (in its zip's {@code lib/}) resolves an IAM Identity Center profile
     * in deployment mode: with an expired cached login, {@code /health} names the profile and the command.
     */
    @Test
    void theProfileStrategyReadsAnSsoLoginWithTheSdkFromThePluginZip(@TempDir Path home) throws Exception {
        try (var zips = Files.list(DISTRIBUTION.resolve("plugins"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile dev]
                sso_session = launcher
                sso_account_id = 123456789012
                sso_role_name = Developer
                [sso-session launcher]
                sso_region = eu-central-1
                sso_start_url = https://launcher.awsapps.com/start
                """);
        Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest("launcher".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(cache.resolve(key + ".json"), """
                {"startUrl": "https://launcher.awsapps.com/start", "region": "eu-central-1",
                 "accessToken": "expired-token", "expiresAt": "2026-01-01T00:00:00Z"}""");
        int port = launch(Map.of("HOME", home.toString(), "CREDENTIALS_ENDPOINT_STRATEGY", "profile",
                "ECS_ENDPOINT_AWS_PROFILE", "dev", "ENDPOINT_MODE", "disabled"));

        JsonNode health = JSON.readTree(get(port, "/health").body());
        assertThat(health.get("plugins").findValuesAsText("state")).containsOnly("STARTED");
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/endpoint/credentials/strategy").asText()).isEqualTo("profile");
        assertThat(health.at("/endpoint/credentials/status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/endpoint/credentials/problem").asText()).contains("profile 'dev'")
                .contains("aws sso login --profile dev").doesNotContain("expired-token");
        assertThat(read(log)).contains("aws sso login --profile dev");
    }
}
