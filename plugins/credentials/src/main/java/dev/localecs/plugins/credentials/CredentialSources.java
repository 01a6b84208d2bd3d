package dev.localecs.plugins.credentials;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The base of a {@code credential_source} role profile: {@code Environment} (the runtime's
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}), {@code EcsContainer}
 * or {@code Ec2InstanceMetadata} (the SDK's container and instance metadata providers).
 */
final class CredentialSources {
    private CredentialSources() {
    }

    static AwsCredentialsProvider provider(String source, Map<String, String> environment) {
        return switch (source) {
            case "Environment" -> environment(environment);
            case "EcsContainer" -> ContainerCredentialsProvider.builder().build();
            case "Ec2InstanceMetadata" -> InstanceProfileCredentialsProvider.create();
            default -> throw new IllegalArgumentException("credential_source '" + source + "' is not one of "
                    + "Environment, EcsContainer, Ec2InstanceMetadata");
        };
    }

    private static AwsCredentialsProvider environment(Map<String, String> environment) {
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        String token = environment.get("AWS_SESSION_TOKEN");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("credential_source is Environment, but AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY are not set");
        }
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token));
    }
}
