package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * The runtime in front of a broken upstream (a tiny server on 127.0.0.1 answering what proxies and load
 * balancers answer): names that are not ECS operations and wrongly typed bodies never reach it, and answers
 * that are not AWS JSON reach the client as a {@code ServerException} it can read.
 */
class UpstreamAnswersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path state;
    private HttpServer upstream;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String contentType;
    private volatile String body;
    private RuntimeFixture runtime;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            forwarded.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        upstream.start();
        // ListDaemons is served locally; the per-operation selection sends it to this upstream
        runtime = RuntimeFixture.start(state, Map.of("upstream.ecs.endpoint",
                "http://127.0.0.1:" + upstream.getAddress().getPort(), "actions.ListDaemons.plugin", "upstream"));
    }

    @AfterEach
    void stop() {
        runtime.close();
        upstream.stop(0);
    }

    @Test
    void aNameThatIsNotAnEcsOperationIsRefusedLocallyAndNeverForwarded() throws Exception {
        answer(200, "application/x-amz-json-1.1", "{}");

        HttpResponse<String> response = runtime.post("NoSuchOperation", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("Operation NoSuchOperation is not an Amazon ECS operation and no plugin serves it.");
        assertThat(forwarded).isEmpty();

        runtime.post("ListDaemons", "{}");
        assertThat(forwarded).as("a real operation still goes upstream")
                .containsExactly("AmazonEC2ContainerServiceV20141113.ListDaemons");
    }

    @Test
    void aWronglyTypedBodyForAnUpstreamOperationIsRefusedBeforeForwarding() throws Exception {
        answer(200, "application/x-amz-json-1.1", "{}");

        HttpResponse<String> response = runtime.post("ListDaemons",
                "{\"clusterArn\":\"c\",\"capacityProviderArns\":[\"a\"],\"maxResults\":\"1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("SerializationException");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("class java.lang.String can not be converted to an Integer at "
                        + "'maxResults': expected an integer, found a string.");
        assertThat(forwarded).isEmpty();
    }

    @Test
    void anHtmlErrorPageBecomesAServerExceptionNamingUpstreamAndItsStatus() throws Exception {
        answer(500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");

        HttpResponse<String> response = runtime.post("ListDaemons", "{\"clusterArn\":\"x\"}");

        assertServerException(response, 500, "a body that is not an AWS JSON error (text/html, 60 bytes)");
        assertThatThrownBy(() -> runtime.ecs().listDaemons(r -> r.clusterArn("x")))
                .as("an AWS SDK reads it as a ServerException")
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("answered ListDaemons with HTTP 500");
                });
    }

    @Test
    void anEmptyBadGatewayBecomesAServerException() throws Exception {
        answer(502, "text/plain", "");

        assertServerException(runtime.post("ListDaemons", "{}"), 502, "an empty body instead of an AWS JSON error");
    }

    private void answer(int answerStatus, String answerType, String answerBody) {
        this.status = answerStatus;
        this.contentType = answerType;
        this.body = answerBody;
    }

    private void assertServerException(HttpResponse<String> response, int upstreamStatus, String what)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("ServerException");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("ServerException");
        assertThat(error.get("message").asText())
                .startsWith("Upstream endpoint http://127.0.0.1:" + upstream.getAddress().getPort()
                        + " answered ListDaemons with HTTP " + upstreamStatus + " and ")
                .contains(what);
    }
}
