package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The runtime in a JVM of its own ({@code dev.localecs.runtime.Main} on the test class path), configured as
 * {@link RuntimeFixture} does it, so a test can kill it with SIGKILL and start it again on the same state.
 */
public final class RuntimeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private RuntimeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the runtime and does not wait for it.
     *
     * @param stateDir its state folder
     * @param extra further configuration (keys as in the configuration file)
     * @return the process
     * @throws IOException when it cannot be started
     */
    public static RuntimeProcess launch(Path stateDir, Map<String, String> extra) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("state.dir", stateDir.toString());
        settings.put("plugins.dir", RuntimeFixture.projectRoot().resolve("plugins").toString());
        settings.put("plugins.mode", "development");
        settings.put("compose.dest", stateDir.resolve("compose").toString());
        settings.put("tasks.pause-image", TestImages.PAUSE);
        settings.put("endpoint.mode", "disabled");
        settings.putAll(extra);
        Path log = Files.createTempFile("runtime-process", ".log");
        Path config = Files.createTempFile("runtime-process", ".yaml");
        Files.writeString(config, yaml(settings));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlocal-ecs.home=" + RuntimeFixture.projectRoot(),
                "dev.localecs.runtime.Main", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("ECS_") || key.startsWith("AWS_")
                || key.startsWith("LOCAL_ECS"));
        return new RuntimeProcess(builder.start(), log, port);
    }

    /** Dotted keys as nested YAML, values quoted. */
    private static String yaml(Map<String, String> settings) {
        Map<String, Object> root = new TreeMap<>();
        settings.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
                        k -> new TreeMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], value);
        });
        StringBuilder out = new StringBuilder();
        write(root, "", out);
        return out.toString();
    }

    private static void write(Map<String, Object> node, String indent, StringBuilder out) {
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child) {
                out.append(indent).append(key).append(":\n");
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) child;
                write(typed, indent + "  ", out);
            } else {
                out.append(indent).append(key).append(": \"").append(value.toString().replace("\\", "\\\\")
                        .replace("\"", "\\\"")).append("\"\n");
            }
        });
    }

    /**
     * Starts the runtime and waits until it answers {@code /health}.
     *
     * @param stateDir its state folder
     * @param extra further configuration
     * @return the process
     * @throws Exception when it does not come up within a minute
     */
    public static RuntimeProcess start(Path stateDir, Map<String, String> extra) throws Exception {
        RuntimeProcess started = launch(stateDir, extra);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(started.process.isAlive()).as("the runtime exited: %s", started.output()).isTrue();
            try {
                if (started.get("/health").statusCode() == 200) {
                    return started;
                }
            } catch (ConnectException notYet) {
                Thread.sleep(100);
            }
        }
        started.kill();
        throw new AssertionError("the runtime did not answer within 60 s: " + started.output());
    }

    /**
     * Waits for the process to exit (a refused start).
     *
     * @param timeout how long to wait
     * @return its exit code
     * @throws InterruptedException when interrupted
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("still running: %s", output())
                .isTrue();
        return process.exitValue();
    }

    /**
     * Everything the process printed.
     *
     * @return its output
     */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Sends an ECS request.
     *
     * @param operation the operation
     * @param body the JSON body
     * @return the response
     * @throws IOException when the runtime does not answer
     * @throws InterruptedException when interrupted
     */
    public HttpResponse<String> post(String operation, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", RuntimeFixture.TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a GET.
     *
     * @param path the path
     * @return the response
     * @throws IOException when the runtime does not answer
     * @throws InterruptedException when interrupted
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The API endpoint.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** SIGTERM, waiting (bounded) for the shutdown to finish; SIGKILL if it does not. */
    public void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL: no shutdown hook, no last write. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
