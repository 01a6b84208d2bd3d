package dev.localecs.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Builds docker-java clients on the httpclient5 transport, wrapped so that calls survive an engine restart
 * ({@link RecoveringDockerHttpClient}).
 */
public final class DockerClients {
    private DockerClients() {
    }

    /**
     * A client for an engine.
     *
     * @param host e.g. {@code unix:///var/run/docker.sock}
     * @param responseTimeout how long one call may take (pulls and builds stream, so this bounds silence)
     * @return the client
     */
    public static DockerClient create(String host, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        // a fresh pool after the engine restarted: the old one's connections are dead
        DockerHttpClient http = new RecoveringDockerHttpClient(host, () -> new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(responseTimeout)
                .build());
        return DockerClientImpl.getInstance(config, http);
    }
}
