package dev.localecs.plugins.services.network;

import dev.localecs.api.AwsCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * One AWS service endpoint (Cloud Map, ELBv2) called with POST bodies, signed with Signature Version 4 when the
 * runtime's environment has credentials (unsigned otherwise, which emulators such as moto_server accept).
 * Bounded in time; a failure is an {@link AwsCallException}.
 */
final class AwsPeer {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A failed call: transport, or an error answer. */
    static final class AwsCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AwsCallException(String message) {
            super(message);
        }
    }

    private final URI endpoint;
    private final String region;
    private final String signingName;
    private final Optional<AwsCredentials> credentials;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    AwsPeer(URI endpoint, String region, String signingName, Optional<AwsCredentials> credentials, Clock clock) {
        this.endpoint = endpoint;
        this.region = region;
        this.signingName = signingName;
        this.credentials = credentials;
        this.clock = clock;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * POSTs a body and answers the response body on a 2xx status.
     *
     * @param contentType the content type
     * @param headers extra headers (e.g. {@code X-Amz-Target}), signed too
     * @param body the body
     * @return the answer's body
     */
    String post(String contentType, Map<String, String> headers, String body) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", contentType);
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest request = credentials.map(c -> sign(unsigned.build(), payload, c)).orElseGet(unsigned::build);
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        request.headers().forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AwsCallException(endpoint + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new AwsCallException(endpoint + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsCallException(endpoint + ": interrupted");
        }
    }

    /** Signature Version 4 by the AWS SDK's signer, at the context's clock. */
    private SdkHttpRequest sign(SdkHttpRequest request, byte[] payload, AwsCredentials c) {
        AwsCredentialsIdentity identity = c.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(c.accessKeyId(),
                        c.secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /**
     * Credentials from the runtime's environment, as the {@code env} strategy reads them.
     *
     * @param environment the environment
     * @return the credentials, empty when not set
     */
    static Optional<AwsCredentials> credentials(Map<String, String> environment) {
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(key, secret,
                Optional.ofNullable(environment.get("AWS_SESSION_TOKEN")).filter(t -> !t.isBlank()),
                Optional.empty()));
    }
}
