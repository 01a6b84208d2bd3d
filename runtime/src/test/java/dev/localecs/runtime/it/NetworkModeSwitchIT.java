package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ConfigurationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching endpoint modes on one engine: a runtime on the host leaves the task network with the endpoint
 * address as gateway, the image's container mode needs that address for its own container (and the reverse).
 * The runtime reshapes a network nobody uses and refuses, in one message, to start on one that has
 * containers attached. Own network ({@code net-mode-switch}, 169.254.190.0/24, endpoint at .2) so the shared
 * {@code ecs-local-network} is never touched.
 */
class NetworkModeSwitchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = "net-mode-switch";
    private static final String SUBNET = "169.254.190.0/24";
    private static final String ENDPOINT = "169.254.190.2";
    private static final String FIRST = "169.254.190.1";
    /** A container of the test attached to the task network (a task of an earlier run, say). */
    private static final String SQUATTER = "net-mode-switch-squatter";
    /** Stands in for the runtime's own container in container mode (the runtime under test runs in-process). */
    private static final String STAND_IN = "net-mode-switch-runtime";
    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    @AfterEach
    void cleanUp() {
        sh("docker rm -f " + SQUATTER + " " + STAND_IN + " >/dev/null 2>&1; docker network rm " + NETWORK
                + " >/dev/null 2>&1; true");
    }

    private static String sh(String script) {
        return TestImages.run(List.of("sh", "-c", script));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The task network as the other mode would have left it. */
    private static void createNetwork(String gateway) {
        sh("docker network create --subnet " + SUBNET + " --gateway " + gateway + " " + NETWORK + " >/dev/null");
    }

    private static void attachSquatter() {
        sh("docker run -d --name " + SQUATTER + " --network " + NETWORK + " " + TestImages.BUSYBOX
                + " sleep 300 >/dev/null");
    }

    private static String gateway() {
        return sh("docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' " + NETWORK).trim();
    }

    /** Only network.subnet and endpoint.host are set: the gateway comes from the mode. */
    private RuntimeFixture start(String mode, int endpointPort) {
        return RuntimeFixture.start(state, Map.of("endpoint.mode", mode, "network.name", NETWORK,
                "network.subnet", SUBNET, "endpoint.host", ENDPOINT, "endpoint.port", String.valueOf(endpointPort),
                "endpoint.container-id", STAND_IN));
    }

    private static HttpResponse<String> health(RuntimeFixture runtime) {
        return RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/health")).build());
    }

    @Test
    void hostGatewayModeRecreatesTheNetworkOfContainerModeAndTasksReachTheEndpointOnItsGateway() throws Exception {
        createNetwork(FIRST);
        int port = freePort();

        try (RuntimeFixture runtime = start("host-gateway", port)) {
            assertThat(gateway()).as("recreated with the endpoint address as gateway").isEqualTo(ENDPOINT);
            HttpResponse<String> health = health(runtime);
            JsonNode body = JSON.readTree(health.body());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.at("/endpoint/listening").asBoolean()).isTrue();
            String answer = sh("docker run --rm --network " + NETWORK + " " + TestImages.BUSYBOX + " sh -c "
                    + "\"printf 'GET /v2/credentials/none HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' "
                    + "| nc " + ENDPOINT + " " + port + "\"");
            assertThat(answer).as("a container on the task network reaches the endpoint at " + ENDPOINT)
                    .contains("HTTP/1.1 400 ").contains("InvalidIdInRequest");
        }
    }

    @Test
    void hostGatewayModeRefusesToStartOnAContainerModeNetworkWithContainersAttached() {
        createNetwork(FIRST);
        attachSquatter();

        assertThatThrownBy(() -> start("host-gateway", freePort()).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The task network " + NETWORK + " has gateway " + FIRST)
                .hasMessageContaining("endpoint.mode host-gateway needs gateway " + ENDPOINT)
                .hasMessageContaining(SQUATTER)
                .hasMessageContaining("Stop those tasks")
                .hasMessageContaining("docker network rm " + NETWORK);
        assertThat(gateway()).as("left as it was").isEqualTo(FIRST);
    }

    @Test
    void containerModeRecreatesTheNetworkOfHostModeAndItsContainerTakesTheEndpointAddress() throws Exception {
        createNetwork(ENDPOINT);
        sh("docker run -d --name " + STAND_IN + " " + TestImages.BUSYBOX + " sleep 300 >/dev/null");

        try (RuntimeFixture runtime = start("container", freePort())) {
            assertThat(gateway()).as("recreated with the subnet's first address as gateway").isEqualTo(FIRST);
            assertThat(sh("docker inspect -f '{{(index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress}}' "
                    + STAND_IN).trim()).as("the runtime's container joined at the endpoint address").isEqualTo(ENDPOINT);
            // the runtime under test is not inside the stand-in, so it cannot listen there: /health must say so
            HttpResponse<String> health = health(runtime);
            JsonNode body = JSON.readTree(health.body());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/endpoint/listening").asBoolean()).isFalse();
            assertThat(body.get("problems").toString()).contains("does not listen on " + ENDPOINT);
        }
    }

    @Test
    void containerModeRefusesToStartOnAHostModeNetworkWithContainersAttached() {
        createNetwork(ENDPOINT);
        attachSquatter();
        sh("docker run -d --name " + STAND_IN + " " + TestImages.BUSYBOX + " sleep 300 >/dev/null");

        assertThatThrownBy(() -> start("container", freePort()).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The task network " + NETWORK + " has gateway " + ENDPOINT)
                .hasMessageContaining("endpoint.mode container needs gateway " + FIRST)
                .hasMessageContaining(SQUATTER)
                .hasMessageContaining("docker network rm " + NETWORK);
        assertThat(gateway()).as("left as it was").isEqualTo(ENDPOINT);
        assertThat(sh("docker inspect -f '{{json .NetworkSettings.Networks}}' " + STAND_IN)).doesNotContain(NETWORK);
    }
}
