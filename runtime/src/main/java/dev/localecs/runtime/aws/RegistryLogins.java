package dev.localecs.runtime.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Private-registry logins with the execution role: ECR images get a {@code GetAuthorizationToken} login;
 * {@code repositoryCredentials} name a Secrets Manager secret holding {@code {"username", "password"}}.
 */
public final class RegistryLogins {
    private static final Pattern ECR = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRoleCredentials credentials;
    private final Optional<URI> ecrEndpoint;
    private final Optional<URI> secretsManagerEndpoint;
    private final String region;

    /**
     * Creates the source.
     *
     * @param credentials the endpoint's credentials (execution role assumed through it)
     * @param ecrEndpoint {@code upstream.ecr.endpoint}
     * @param secretsManagerEndpoint {@code upstream.secretsmanager.endpoint}
     * @param region the region
     */
    public RegistryLogins(TaskRoleCredentials credentials, Optional<URI> ecrEndpoint,
                          Optional<URI> secretsManagerEndpoint, String region) {
        this.credentials = credentials;
        this.ecrEndpoint = ecrEndpoint;
        this.secretsManagerEndpoint = secretsManagerEndpoint;
        this.region = region;
    }

    /**
     * The login an image needs.
     *
     * @param taskId the task id
     * @param executionRoleArn the execution role, if any
     * @param container the container (for messages)
     * @param image the image
     * @param repositoryCredentials the {@code repositoryCredentials.credentialsParameter}, if any
     * @return the login, or empty for public images
     * @throws AwsCallException {@code CannotPullContainerError} naming what could not be read
     */
    public Optional<RegistryLogin> forImage(String taskId, Optional<String> executionRoleArn, String container,
                                            String image, Optional<String> repositoryCredentials) {
        Matcher ecr = ECR.matcher(image);
        if (repositoryCredentials.isEmpty() && !ecr.matches()) {
            return Optional.empty();
        }
        var provider = provider(taskId, executionRoleArn, container);
        String registry = image.substring(0, image.indexOf('/'));
        if (repositoryCredentials.isPresent()) {
            var builder = SecretsManagerClient.builder().region(Region.of(region)).credentialsProvider(provider)
                    .httpClient(UrlConnectionHttpClient.create());
            secretsManagerEndpoint.ifPresent(builder::endpointOverride);
            try (SecretsManagerClient client = builder.build()) {
                JsonNode secret = JSON.readTree(client.getSecretValue(r -> r.secretId(repositoryCredentials.get()))
                        .secretString());
                return Optional.of(new RegistryLogin(registry, secret.path("username").asText(),
                        secret.path("password").asText()));
            } catch (Exception e) {
                throw new AwsCallException(container, "unable to read repositoryCredentials "
                        + repositoryCredentials.get() + ": " + e.getClass().getSimpleName(), e);
            }
        }
        var builder = EcrClient.builder().region(Region.of(ecr.group(2))).credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create());
        ecrEndpoint.ifPresent(builder::endpointOverride);
        try (EcrClient client = builder.build()) {
            var data = client.getAuthorizationToken(r -> r.registryIds(ecr.group(1))).authorizationData().get(0);
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(new RegistryLogin(registry, decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "ECR GetAuthorizationToken for " + registry
                    + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private AwsCredentialsProvider provider(String taskId, Optional<String> executionRoleArn, String container) {
        try {
            return credentials.executionProvider(taskId, executionRoleArn);
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "unable to get credentials for the "
                    + "execution role to log in to the registry: " + e.getMessage(), e);
        }
    }
}
