package dev.localecs.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
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

/** What the proxy sends upstream: the body verbatim, re-signed with SigV4 or with the caller's signature. */
class UpstreamEcsTest {
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            sleep(delayMillis);
            byte[] answer = "{\"clusterArns\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
