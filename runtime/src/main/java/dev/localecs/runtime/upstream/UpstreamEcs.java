package dev.localecs.runtime.upstream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.error.UpstreamUnavailableException;
import dev.localecs.api.model.TaskDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The configured upstream ECS endpoint: forwards operations no plugin handles and fetches task definitions
 * not found locally. Requests are re-signed with SigV4 when the runtime has base credentials, otherwise sent
 * with the caller's own signature headers.
 */
public final class UpstreamEcs {
    /** The JSON 1.1 target prefix of ECS. */
    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final Logger LOG = Logger.getLogger(UpstreamEcs.class.getName());
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Headers java.net.http sets itself and refuses to take. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final Optional<URI> endpoint;
    private final String region;
    private final Duration timeout;
    private final BaseCredentials credentials;
    private final ObjectMapper json;
    private final HttpClient http;
    private final UpstreamAnswers answers;

    /**
     * Creates the client.
     *
     * @param endpoint the upstream endpoint, empty when none is configured
     * @param region the signing region
     * @param timeout connect and request timeout
     * @param credentials the runtime's base credentials
     * @param json the wire mapper
     */
    public UpstreamEcs(Optional<URI> endpoint, String region, Duration timeout, BaseCredentials credentials,
                       ObjectMapper json) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.region = requireNonNull(region, "region is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.json = requireNonNull(json, "json is null");
        this.answers = new UpstreamAnswers(json);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * The upstream endpoint.
     *
     * @return the endpoint, empty when none is configured
     */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /**
     * Where the signing credentials come from, for {@code /health}.
     *
     * @return the credential source
     */
    public String credentialSource() {
        return credentials.source();
    }

    /**
     * Sends one operation upstream.
     *
     * @param operation the operation name
     * @param body the request body, verbatim
     * @param callerHeaders the caller's signature headers ({@code Authorization}, {@code X-Amz-Date},
     *                      {@code X-Amz-Security-Token}), used only when the runtime has no credentials
     * @return upstream's answer: a JSON document, or an AWS JSON error
     * @throws UpstreamUnavailableException when upstream cannot be reached in time
     * @throws EcsException {@code ServerException} when upstream answers something that is not AWS JSON
     *                      (an HTML error page, an empty error, ...)
     */
    public UpstreamResponse call(String operation, byte[] body, Map<String, String> callerHeaders) {
        URI uri = endpoint.orElseThrow(() -> new EcsException(ErrorCode.UNKNOWN_OPERATION,
                "Operation " + operation + " is not supported and no upstream ECS endpoint is configured."));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve("/"))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, List<String>> headers = credentials.forApi()
                .map(c -> sign(uri, operation, body, c))
                .orElseGet(() -> unsigned(operation, callerHeaders));
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            UpstreamResponse answer = new UpstreamResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type"), response.headers().firstValue("X-Amzn-ErrorType"),
                    response.body());
            return answers.check(uri.toString(), operation, answer, response.headers().firstValue("x-amzn-RequestId"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Upstream " + uri + " failed for " + operation + ": " + e);
            throw new UpstreamUnavailableException(uri.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(uri.toString(), e);
        }
    }

    /**
     * DescribeTaskDefinition upstream.
     *
     * @param reference family, family:revision or ARN
     * @return the definition, or empty when no upstream is configured or upstream does not have it
     * @throws EcsException {@code ServerException} when upstream answers something that is not AWS JSON
     */
    public Optional<TaskDefinition> describeTaskDefinition(String reference) {
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        byte[] body = json.createObjectNode().put("taskDefinition", reference).toString()
                .getBytes(StandardCharsets.UTF_8);
        UpstreamResponse response = call("DescribeTaskDefinition", body, Map.of());
        if (response.status() != 200) {
            LOG.info("Upstream has no task definition " + reference + " (HTTP " + response.status() + ", "
                    + response.errorType().orElse("no error type") + ")");
            return Optional.empty();
        }
        try {
            JsonNode definition = json.readTree(response.body()).get("taskDefinition");
            return definition == null ? Optional.empty() : Optional.of(json.treeToValue(definition, TaskDefinition.class));
        } catch (IOException e) {
            throw new EcsException(ErrorCode.SERVER_EXCEPTION, "Upstream answered DescribeTaskDefinition with an "
                    + "unreadable body.", e);
        }
    }

    private Map<String, List<String>> sign(URI uri, String operation, byte[] body, AwsCredentials c) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri.resolve("/"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .build();
        AwsCredentialsIdentity identity = c.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(c.accessKeyId(),
                        c.secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return signed.request().headers();
    }

    private static Map<String, List<String>> unsigned(String operation, Map<String, String> callerHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(CONTENT_TYPE));
        headers.put("X-Amz-Target", List.of(TARGET_PREFIX + operation));
        callerHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }
}
