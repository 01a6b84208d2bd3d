package dev.localecs.runtime.health;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import dev.localecs.runtime.docker.DockerClients;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks the Docker engine whether it is there, for {@code /health}.
 */
public final class DockerProbe implements AutoCloseable {
    private final String host;
    private final DockerClient client;

    /**
     * Creates a probe for an engine.
     *
     * @param host the engine address, e.g. {@code unix:///var/run/docker.sock}
     */
    public DockerProbe(String host) {
        this.host = host;
        this.client = DockerClients.create(host, Duration.ofSeconds(3));
    }

    /**
     * Pings the engine.
     *
     * @return {@code host}, {@code reachable} and either {@code version}/{@code apiVersion} or {@code error}
     */
    public Map<String, Object> probe() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("host", host);
        try {
            client.pingCmd().exec();
            Version version = client.versionCmd().exec();
            result.put("reachable", true);
            result.put("version", version.getVersion());
            result.put("apiVersion", version.getApiVersion());
        } catch (RuntimeException e) {
            result.put("reachable", false);
            result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
