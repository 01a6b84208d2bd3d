package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} is never UP while tasks cannot run: an unreachable engine answers 503 DOWN. */
class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnreachableDockerEngineIsDownWith503(@TempDir Path state) throws Exception {
        String nowhere = "unix://" + state.resolve("net-no-docker.sock");
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("docker.host", nowhere))) {
            HttpResponse<String> health = RuntimeFixture.send(HttpRequest.newBuilder(
                    URI.create(runtime.endpoint() + "/health")).build());

            JsonNode body = JSON.readTree(health.body());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/docker/reachable").asBoolean()).isFalse();
            assertThat(body.get("problems").toString()).contains("The Docker engine " + nowhere + " is unreachable");
            assertThat(health.headers().firstValue("x-amzn-RequestId")).isPresent();
        }
    }
}
