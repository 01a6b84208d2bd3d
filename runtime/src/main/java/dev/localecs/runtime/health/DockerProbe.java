package dev.localecs.runtime.health;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import dev.localecs.runtime.docker.DockerClients;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Asks the Docker engine whether it is there, for {@code /health}. The question is bounded as a whole
 * ({@link #DEADLINE}): an engine that does not answer in time is reported unreachable, so {@code /health}
 * answers promptly whatever state the engine's socket is in.
 */
public final class DockerProbe implements AutoCloseable {
    /** How long one probe (ping and version) may take before the engine counts as unreachable. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(DockerProbe.class.getName());

    private final String host;
    private final Duration deadline;
    private final DockerClient client;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Creates a probe for an engine.
     *
     * @param host the engine address, e.g. {@code unix:///var/run/docker.sock}
     */
    public DockerProbe(String host) {
        this(host, DEADLINE);
    }

    DockerProbe(String host, Duration deadline) {
        this.host = host;
        this.deadline = deadline;
        this.client = DockerClients.create(host, Duration.ofSeconds(3));
    }

    /**
     * Pings the engine, waiting at most {@link #DEADLINE}.
     *
     * @return {@code host}, {@code reachable} and either {@code version}/{@code apiVersion} or {@code error}
     */
    public Map<String, Object> probe() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("host", host);
        Future<Version> answer = calls.submit(() -> {
            client.pingCmd().exec();
            return client.versionCmd().exec();
        });
        try {
            Version version = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            result.put("reachable", true);
            result.put("version", version.getVersion());
            result.put("apiVersion", version.getApiVersion());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            result.put("reachable", false);
            result.put("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warning("The Docker engine at " + host + " did not answer a ping within " + deadline.toMillis() + " ms");
            result.put("reachable", false);
            result.put("error", "no answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            result.put("reachable", false);
            result.put("error", "interrupted while waiting for the engine's answer");
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        calls.shutdownNow();
        client.close();
    }
}
