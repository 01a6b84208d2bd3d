package dev.localecs.runtime.aws;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.StsService;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** STS AssumeRole at {@code upstream.sts.endpoint} ({@code STS_ENDPOINT}), or the regional endpoint. */
public final class StsAssumer implements StsService {
    private final Optional<URI> endpoint;
    private final String region;

    /**
     * Creates the service.
     *
     * @param endpoint the STS endpoint, empty for the regional AWS endpoint
     * @param region the region
     */
    public StsAssumer(Optional<URI> endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    @Override
    public AwsCredentials assumeRole(AwsCredentials base, String roleArn, String sessionName) {
        var identity = base.sessionToken().isPresent()
                ? AwsSessionCredentials.create(base.accessKeyId(), base.secretAccessKey(), base.sessionToken().get())
                : AwsBasicCredentials.create(base.accessKeyId(), base.secretAccessKey());
        var builder = StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(identity))
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        try (StsClient sts = builder.build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(3600))
                    .credentials();
            return new AwsCredentials(c.accessKeyId(), c.secretAccessKey(), Optional.of(c.sessionToken()),
                    Optional.of(c.expiration()));
        } catch (RuntimeException e) {
            throw new EcsException(ErrorCode.SERVER_EXCEPTION, "AssumeRole of " + roleArn + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
