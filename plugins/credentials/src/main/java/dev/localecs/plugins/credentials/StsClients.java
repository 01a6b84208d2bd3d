package dev.localecs.plugins.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * STS for the SDK's web identity provider, at the runtime's STS endpoint ({@code upstream.sts.endpoint},
 * {@code STS_ENDPOINT}) when one is set, else the region's. AssumeRoleWithWebIdentity is an unsigned call.
 */
final class StsClients implements AutoCloseable {
    private final Optional<URI> endpoint;
    private final String region;
    private StsClient client;

    StsClients(Optional<URI> endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /**
     * The SDK's provider for a role assumed with a web identity token file; it reads the file again at each
     * refresh, as a rotated Kubernetes or CI token requires.
     */
    AwsCredentialsProvider webIdentity(String roleArn, String sessionName, Path tokenFile) {
        return StsWebIdentityTokenFileCredentialsProvider.builder().stsClient(client()).roleArn(roleArn)
                .roleSessionName(sessionName).webIdentityTokenFile(tokenFile).build();
    }

    private synchronized StsClient client() {
        if (client == null) {
            var builder = StsClient.builder().region(Region.of(region))
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create());
            endpoint.ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
