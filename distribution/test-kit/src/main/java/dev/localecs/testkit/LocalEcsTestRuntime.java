package dev.localecs.testkit;

import dev.localecs.runtime.LocalEcsRuntime;
import dev.localecs.runtime.config.RuntimeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real local-ecs-api runtime, in-process, for a plugin author's JUnit test: it loads the plugin modules
 * given (folders with {@code plugin.properties} and {@code target/classes}, in development mode) from a
 * fresh state folder, on a free port.
 *
 * <pre>{@code
 * try (LocalEcsTestRuntime runtime = LocalEcsTestRuntime.builder()
 *         .pluginModules(Path.of(".."))          // this plugin and its siblings
 *         .config("endpoint.mode", "disabled")
 *         .start()) {
 *     HttpResponse<String> answer = runtime.call("MyAction", "{\"name\": \"x\"}");
 * }
 * }</pre>
 */
public final class LocalEcsTestRuntime implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private final LocalEcsRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalEcsTestRuntime(LocalEcsRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The API endpoint, for an AWS SDK client's {@code endpointOverride}.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + runtime.port());
    }

    /**
     * Calls an operation with a JSON body, as AWS SDKs do.
     *
     * @param operation the operation (no target prefix)
     * @param json the body
     * @return the answer
     */
    public HttpResponse<String> call(String operation, String json) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until a task reaches a status (DescribeTasks every 100 ms), as the AWS waiters do.
     *
     * @param cluster the cluster name
     * @param taskArn the task ARN or id
     * @param lastStatus the status to wait for, e.g. {@code RUNNING} or {@code STOPPED}
     * @param timeout how long to wait at most
     * @return the task as DescribeTasks answered it last
     * @throws AssertionError when the status is not reached in time (saying the last status seen)
     */
    public JsonNode awaitStatus(String cluster, String taskArn, String lastStatus, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode task = null;
        while (true) {
            HttpResponse<String> answer = call("DescribeTasks", JSON.createObjectNode().put("cluster", cluster)
                    .set("tasks", JSON.createArrayNode().add(taskArn)).toString());
            try {
                task = JSON.readTree(answer.body()).path("tasks").path(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (lastStatus.equals(task.path("lastStatus").asText())) {
                return task;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Task " + taskArn + " did not reach " + lastStatus + " within " + timeout
                        + "; last seen: " + task);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** Configures and starts the runtime. */
    public static final class Builder {
        private final List<Path> pluginRoots = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a folder of plugin modules (each with {@code plugin.properties} and {@code target/classes}).
         *
         * @param folder the parent folder of the modules
         * @return this builder
         */
        public Builder pluginModules(Path folder) {
            pluginRoots.add(folder.toAbsolutePath().normalize());
            return this;
        }

        /**
         * Sets a configuration key (as in {@code application.yaml}).
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Sets an environment variable the runtime sees (credentials, seed variables).
         *
         * @param name the variable
         * @param value the value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * Starts the runtime on a free port with a fresh state folder.
         *
         * @return the running runtime
         */
        public LocalEcsTestRuntime start() {
            try {
                Path state = Files.createTempDirectory("local-ecs-test");
                Map<String, String> overrides = new LinkedHashMap<>();
                overrides.put("server.port", "0");
                overrides.put("state.dir", state.toString());
                overrides.put("compose.dest", state.resolve("compose").toString());
                overrides.put("plugins.mode", "development");
                overrides.put("plugins.dir", String.join(",", pluginRoots.stream().map(Path::toString).toList()));
                overrides.putAll(config);
                RuntimeConfig configuration = RuntimeConfig.load(Optional.empty(), environment, overrides);
                return new LocalEcsTestRuntime(LocalEcsRuntime.start(configuration, environment, state));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
