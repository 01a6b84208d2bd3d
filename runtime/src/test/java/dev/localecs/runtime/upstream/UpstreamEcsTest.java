package dev.localecs.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.error.UpstreamUnavailableException;
import dev.localecs.api.EcsJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the proxy sends upstream (the body verbatim, re-signed with SigV4 or with the caller's signature) and
 * which answers it passes back: AWS JSON only.
 */
class UpstreamEcsTest {
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile long delayMillis;
    private volatile int answerStatus = 200;
    private volatile String answerType = "application/x-amz-json-1.1";
    private volatile String answerBody = "{\"clusterArns\":[]}";
    private volatile Map<String, String> answerHeaders = Map.of();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            sleep(delayMillis);
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            if (answerType != null) {
                exchange.getResponseHeaders().add("Content-Type", answerType);
            }
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answerStatus, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private UpstreamEcs upstream(BaseCredentials credentials, Duration timeout) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new UpstreamEcs(Optional.of(endpoint), "eu-west-1", timeout, credentials, EcsJson.create());
    }

    @Test
    void resignsWithTheRuntimeCredentialsAndForwardsTheBodyVerbatim() {
        BaseCredentials env = new BaseCredentials(Optional::empty, Map.of("AWS_ACCESS_KEY_ID", "AKIDLOCAL",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token-1"));
        UpstreamResponse response = upstream(env, Duration.ofSeconds(5)).call("ListClusters",
                "{\"maxResults\": 3}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "caller-signature"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"clusterArns\":[]}");
        assertThat(seen.get("body")).isEqualTo("{\"maxResults\": 3}");
        assertThat(seen.get("x-amz-target")).isEqualTo("AmazonEC2ContainerServiceV20141113.ListClusters");
        assertThat(seen.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/")
                .contains("/eu-west-1/ecs/aws4_request").doesNotContain("caller-signature");
        assertThat(seen.get("x-amz-security-token")).isEqualTo("token-1");
        assertThat(seen).containsKey("x-amz-date");
    }

    @Test
    void usesTheChosenCredentialStrategyBeforeTheEnvironment() {
        CredentialStrategy fixed = new CredentialStrategy() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
                return Optional.of(AwsCredentials.of("AKIDSTRATEGY", "s"));
            }
        };
        BaseCredentials credentials = new BaseCredentials(() -> Optional.of(fixed),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "e"));
        upstream(credentials, Duration.ofSeconds(5)).call("ListClusters", new byte[0], Map.of());

        assertThat(seen.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSTRATEGY/");
        assertThat(credentials.source()).isEqualTo("strategy:fixed");
    }

    @Test
    void withoutCredentialsSendsTheCallerSignatureAsItCame() {
        BaseCredentials none = new BaseCredentials(Optional::empty, Map.of());
        upstream(none, Duration.ofSeconds(5)).call("ListClusters", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=CALLER/x", "X-Amz-Date", "20261129T000000Z"));

        assertThat(seen.get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=CALLER/x");
        assertThat(seen.get("x-amz-date")).isEqualTo("20261129T000000Z");
        assertThat(none.source()).isEqualTo("none");
    }

    @Test
    void slowUpstreamTimesOutAsUnavailable() {
        delayMillis = 3000;
        UpstreamEcs slow = upstream(new BaseCredentials(Optional::empty, Map.of()), Duration.ofMillis(500));

        assertThatThrownBy(() -> slow.call("ListClusters", new byte[0], Map.of()))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("is unavailable");
    }

    @ParameterizedTest(name = "HTTP {0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            500 | text/html  | <html><body><h1>500 Internal Server Error</h1></body></html> | HTTP 500 and a body that is not an AWS JSON error (text/html, 60 bytes)
            502 | text/plain |                                                              | HTTP 502 and an empty body instead of an AWS JSON error
            503 | application/json | {"message":"no code here"}                             | HTTP 503 and a body that is not an AWS JSON error (application/json, 26 bytes)
            404 | application/x-amz-json-1.1 | `["not","an","object"]`                      | HTTP 404 and a body that is not an AWS JSON error
            200 | text/html  | <html>ok</html>                                              | HTTP 200 and a body that is not an AWS JSON document (text/html, 15 bytes)
            """)
    void anAnswerThatIsNotAwsJsonIsAServerExceptionNamingUpstreamAndStatus(int status, String type, String body,
                                                                          String message) {
        answerStatus = status;
        answerType = type;
        answerBody = body == null ? "" : body;
        answerHeaders = Map.of("x-amzn-RequestId", "upstream-req-7");
        UpstreamEcs upstream = upstream(new BaseCredentials(Optional::empty, Map.of()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> upstream.call("ListServices", "{}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_EXCEPTION);
                    assertThat(e.code().httpStatus()).isEqualTo(500);
                })
                .hasMessageStartingWith("Upstream endpoint http://127.0.0.1:" + server.getAddress().getPort()
                        + " answered ListServices with ")
                .hasMessageContaining(message)
                .hasMessageEndingWith("; upstream request id upstream-req-7.");
    }

    @Test
    void awsJsonErrorsAndEmptySuccessesPassAsTheyAre() {
        UpstreamEcs upstream = upstream(new BaseCredentials(Optional::empty, Map.of()), Duration.ofSeconds(5));
        answerStatus = 400;
        answerBody = "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}";
        UpstreamResponse byType = upstream.call("ListServices", new byte[0], Map.of());
        assertThat(byType.status()).isEqualTo(400);
        assertThat(new String(byType.body(), StandardCharsets.UTF_8)).isEqualTo(answerBody);

        answerBody = "{\"message\":\"Rate exceeded\"}";
        answerHeaders = Map.of("X-Amzn-ErrorType", "ThrottlingException");
        answerStatus = 400;
        UpstreamResponse byHeader = upstream.call("ListServices", new byte[0], Map.of());
        assertThat(byHeader.errorType()).hasValue("ThrottlingException");

        answerStatus = 200;
        answerBody = "";
        answerHeaders = Map.of();
        assertThat(upstream.call("ListServices", new byte[0], Map.of()).status()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
