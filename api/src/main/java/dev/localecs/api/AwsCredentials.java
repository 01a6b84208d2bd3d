package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A set of AWS credentials. {@link #toString()} never shows the secret or the token.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret key
 * @param sessionToken the session token, for temporary credentials
 * @param expiration when temporary credentials expire
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
                             Optional<Instant> expiration) {

    /**
     * Validates the components.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @param sessionToken the session token
     * @param expiration the expiry
     */
    public AwsCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
    }

    /**
     * Long-term credentials without token or expiry.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @return the credentials
     */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken="
                + (sessionToken.isPresent() ? "***" : "none") + ", expiration=" + expiration.orElse(null) + "]";
    }
}
