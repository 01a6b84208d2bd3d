package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveringDockerHttpClientTest {
    private static final String HOST = "unix:///var/run/docker.sock";

    /** A connection pool of a fake engine: answers from a script, or fails as a dead connection does. */
    private static final class FakePool implements DockerHttpClient {
        final List<String> received = new ArrayList<>();
        boolean dead;
        final Map<String, Integer> statusByPath;
        boolean closed;

        FakePool(boolean dead, Map<String, Integer> statusByPath) {
            this.dead = dead;
            this.statusByPath = statusByPath;
        }

        @Override
        public Response execute(Request request) {
            received.add(request.method() + " " + request.path());
            if (dead) {
                throw new RuntimeException(new SocketException("Broken pipe"));
            }
            String path = request.path().replaceAll("\\?.*", "");
            int status = statusByPath.getOrDefault(path, 200);
            String body = path.endsWith("/json") ? "{\"Id\":\"abc123\"}" : "{}";
            return new Response() {
                @Override
                public int getStatusCode() {
                    return status;
                }

                @Override
                public Map<String, List<String>> getHeaders() {
                    return Map.of();
                }

                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<FakePool> pools = new ArrayList<>();

    private RecoveringDockerHttpClient client(boolean... dead) {
        return client(Map.of(), dead);
    }

    private RecoveringDockerHttpClient client(Map<String, Integer> statuses, boolean... dead) {
        return new RecoveringDockerHttpClient(HOST, () -> {
            FakePool pool = new FakePool(pools.size() < dead.length && dead[pools.size()], statuses);
            pools.add(pool);
            return pool;
        });
    }

    private static DockerHttpClient.Request request(DockerHttpClient.Request.Method method, String path) {
        return DockerHttpClient.Request.builder().method(method).path(path).build();
    }

    @Test
    void aReadOnADeadPoolIsSentAgainOnAFreshPoolAndTheDeadOneIsClosed() throws IOException {
        RecoveringDockerHttpClient client = client(true, false);
        try (DockerHttpClient.Response response = client.execute(request(DockerHttpClient.Request.Method.GET,
                "/v1.44/containers/x/json"))) {
            assertThat(response.getStatusCode()).isEqualTo(200);
        }
        assertThat(pools).hasSize(2);
        assertThat(pools.get(0).closed).isTrue();
        assertThat(pools.get(1).received).containsExactly("GET /v1.44/containers/x/json");
        client.execute(request(DockerHttpClient.Request.Method.POST, "/v1.44/containers/x/start")).close();
        assertThat(pools).as("later calls use the fresh pool").hasSize(2);
    }

    @Test
    void aReplacedPoolStaysOpenUntilItsLastOpenResponseIsClosed() {
        RecoveringDockerHttpClient client = client(false, false);
        DockerHttpClient.Response stream = client.execute(request(DockerHttpClient.Request.Method.GET, "/v1.44/events"));
        pools.get(0).dead = true; // the engine went away
        client.execute(request(DockerHttpClient.Request.Method.GET, "/v1.44/_ping")).close();
        assertThat(pools).hasSize(2);
        assertThat(pools.get(0).closed).as("the event stream still reads from it").isFalse();
        stream.close();
        assertThat(pools.get(0).closed).isTrue();
        assertThat(pools.get(1).closed).isFalse();
    }

    @Test
    void aCallNotSafeToRepeatFailsNamingTheEngineButTheNextCallWorks() {
        RecoveringDockerHttpClient client = client(true, false);
        assertThatThrownBy(() -> client.execute(request(DockerHttpClient.Request.Method.POST,
                "/v1.44/exec/abc/start"))).isInstanceOf(EngineUnreachableException.class)
                .hasMessage("the Docker engine at " + HOST + " is unreachable (Broken pipe)");
        assertThat(pools.get(1).received).isEmpty();
        client.execute(request(DockerHttpClient.Request.Method.GET, "/v1.44/_ping")).close();
        assertThat(pools.get(1).received).containsExactly("GET /v1.44/_ping");
    }

    @Test
    void aCreationThatGotThroughBeforeTheConnectionDiedAnswersTheContainerItMade() throws IOException {
        RecoveringDockerHttpClient client = client(Map.of("/v1.44/containers/create", 409), true, false);
        DockerHttpClient.Request create = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/v1.44/containers/create?name=web-app-1")
                .bodyBytes("{\"Image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8)).build();
        try (DockerHttpClient.Response response = client.execute(create)) {
            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"Id\":\"abc123\",\"Warnings\":[]}");
        }
        assertThat(pools.get(1).received).containsExactly("POST /v1.44/containers/create?name=web-app-1",
                "GET /v1.44/containers/web-app-1/json");
    }

    @Test
    void anEngineThatStaysAwayIsNamed() {
        RecoveringDockerHttpClient client = client(true, true);
        assertThatThrownBy(() -> client.execute(request(DockerHttpClient.Request.Method.GET, "/v1.44/_ping")))
                .isInstanceOf(EngineUnreachableException.class).hasMessageContaining(HOST + " is unreachable");
        assertThat(pools).hasSize(3).as("the failed fresh pool is replaced too");
    }

    @Test
    void aTimeoutIsNotADeadConnection() {
        assertThat(RecoveringDockerHttpClient.connectionFailure(new RuntimeException(
                new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(RecoveringDockerHttpClient.connectionFailure(new RuntimeException(
                new SocketException("Connection reset")))).isTrue();
        assertThat(RecoveringDockerHttpClient.connectionFailure(new IllegalStateException("no"))).isFalse();
    }
}
