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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        process = builder.start();
        awaitHealthy(port);
        return port;
    }

    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("launcher exited early: %s", read(log)).isTrue();
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("not healthy within 60 s: " + read(log));
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
    void launcherServesThePackagedPluginsAndKeepsStateAcrossRestarts() throws Exception {
        try (var zips = Files.list(DISTRIBUTION.resolve("plugins"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        int port = launch();

        JsonNode health = JSON.readTree(get(port, "/health").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("plugins").findValuesAsText("id")).containsExactlyInAnyOrder("ecs-clusters", "compose-overrides",
                "ecs-task-definitions");
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
    }
}
