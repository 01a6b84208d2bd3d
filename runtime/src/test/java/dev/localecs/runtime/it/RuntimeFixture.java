package dev.localecs.runtime.it;

import dev.localecs.runtime.LocalEcsRuntime;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Starts the real runtime in-process on a free port, with the built-in plugins loaded from their module
 * folders (development mode) and its state in a test folder; restartable on the same state.
 */
public final class RuntimeFixture implements AutoCloseable {
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private LocalEcsRuntime runtime;
    private EcsClient ecs;

    private RuntimeFixture(Map<String, String> overrides, Map<String, String> environment) {
        this.overrides = overrides;
        this.environment = environment;
        start();
    }

    /**
     * The repository root (set by the build as {@code project.root}).
     *
     * @return the root
     */
    public static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts a runtime with the built-in plugins.
     *
     * @param stateDir its state folder
     * @param extra further configuration
     * @return the running fixture
     */
    public static RuntimeFixture start(Path stateDir, Map<String, String> extra) {
        return start(stateDir, extra, Map.of());
    }

    /**
     * Starts a runtime with the built-in plugins and a given process environment.
     *
     * @param stateDir its state folder
     * @param extra further configuration
     * @param environment the environment the runtime sees
     * @return the running fixture
     */
    public static RuntimeFixture start(Path stateDir, Map<String, String> extra, Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.port", "0");
        overrides.put("state.dir", stateDir.toString());
        overrides.put("plugins.dir", projectRoot().resolve("plugins").toString());
        overrides.put("plugins.mode", "development");
        overrides.put("compose.dest", stateDir.resolve("compose").toString());
        overrides.put("tasks.pause-image", TestImages.PAUSE);
        overrides.put("endpoint.mode", "disabled");
        overrides.putAll(extra);
        return new RuntimeFixture(overrides, environment);
    }

    private void start() {
        RuntimeConfig config = RuntimeConfig.load(Optional.empty(), environment, overrides);
        runtime = LocalEcsRuntime.start(config, environment, projectRoot());
        ecs = EcsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops and starts the runtime again on the same state folder (and a new port). */
    public void restart() {
        close();
        start();
    }

    /**
     * The API endpoint.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + runtime.port());
    }

    /**
     * The runtime's task composer (with the override providers of the loaded plugins).
     *
     * @return the composer
     */
    public TaskComposer composer() {
        return runtime.core().composer();
    }

    /**
     * An AWS SDK for Java v2 ECS client pointed at the runtime.
     *
     * @return the client
     */
    public EcsClient ecs() {
        return ecs;
    }

    /**
     * Waits (bounded) until a task reaches a last status, and asserts it did.
     *
     * @param cluster the cluster
     * @param arn the task ARN
     * @param status the last status to wait for
     * @param timeout how long to wait
     * @return the task as described last
     * @throws InterruptedException when interrupted
     */
    public Task awaitStatus(String cluster, String arn, String status,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var task = ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0);
        while (!status.equals(task.lastStatus()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            task = ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0);
        }
        org.assertj.core.api.Assertions.assertThat(task.lastStatus()).as(task.toString()).isEqualTo(status);
        return task;
    }

    /**
     * Sends a raw AWS JSON request.
     *
     * @param operation the operation (no prefix), or null for no target header
     * @param body the body
     * @return the response
     */
    public HttpResponse<String> post(String operation, String body) {
        return postTarget(operation == null ? null : TARGET_PREFIX + operation, body);
    }

    /**
     * Sends a raw AWS JSON request with any target.
     *
     * @param target the whole {@code X-Amz-Target} value, or null for none
     * @param body the body
     * @return the response
     */
    public HttpResponse<String> postTarget(String target, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint().resolve("/"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return send(request.build());
    }

    /**
     * Sends any request to the runtime.
     *
     * @param request the request
     * @return the response
     */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (ecs != null) {
            ecs.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
