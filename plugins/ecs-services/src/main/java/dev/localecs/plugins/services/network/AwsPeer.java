package dev.localecs.plugins.services.network;

import dev.localecs.api.AwsCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AWS service endpoint (Cloud Map, ELBv2) called with POST bodies, signed with Signature Version 4 when the
 * runtime's environment has credentials (unsigned otherwise, which emulators such as moto_server accept).
 * Bounded in time; a failure is an {@link AwsCallException}.
 */
final class AwsPeer {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

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
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value));
        signed.put("content-type", contentType);
        signed.put("host", endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort());
        String stamp = STAMP.format(clock.instant());
        signed.put("x-amz-date", stamp);
        credentials.flatMap(AwsCredentials::sessionToken).ifPresent(token -> signed.put("x-amz-security-token", token));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        signed.forEach((name, value) -> {
            if (!"host".equals(name)) {
                request.header(name, value);
            }
        });
        credentials.ifPresent(c -> request.header("Authorization", authorization(c, signed, stamp, payload)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    private String authorization(AwsCredentials c, Map<String, String> headers, String stamp, byte[] payload) {
        String date = stamp.substring(0, 8);
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonical = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + hex(sha256(payload));
        String scope = date + "/" + region + "/" + signingName + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, signingName);
        key = hmac(key, "aws4_request");
        return "AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + hex(hmac(key, toSign));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
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
