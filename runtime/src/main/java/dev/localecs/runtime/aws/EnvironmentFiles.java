package dev.localecs.runtime.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Container {@code environmentFiles} from S3 ({@code arn:aws:s3:::bucket/key}), fetched at launch with the
 * execution role: {@code KEY=value} lines, {@code #} comments ignored, later files over earlier ones. Values
 * are kept in memory only.
 */
public final class EnvironmentFiles {
    private final TaskRoleCredentials credentials;
    private final Optional<URI> endpoint;
    private final String region;

    /**
     * Creates the fetcher.
     *
     * @param credentials the endpoint's credentials (execution role assumed through it)
     * @param endpoint the S3 endpoint ({@code upstream.s3.endpoint}), empty for AWS
     * @param region the region
     */
    public EnvironmentFiles(TaskRoleCredentials credentials, Optional<URI> endpoint, String region) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.region = region;
    }

    /**
     * Reads every file of one container.
     *
     * @param taskId the task id
     * @param executionRoleArn the execution role, if any
     * @param container the container name (for messages)
     * @param arns the S3 object ARNs, in order
     * @return the variables
     * @throws AwsCallException {@code ResourceInitializationError} naming the file
     */
    public Map<String, String> read(String taskId, Optional<String> executionRoleArn, String container,
                                    List<String> arns) {
        if (arns.isEmpty()) {
            return Map.of();
        }
        AwsCredentialsProvider provider;
        try {
            provider = credentials.executionProvider(taskId, executionRoleArn);
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "unable to get credentials for the "
                    + "execution role to read environment files: " + e.getMessage(), e);
        }
        var builder = S3Client.builder().region(Region.of(region))
                .credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(endpoint.isPresent());
        endpoint.ifPresent(builder::endpointOverride);
        Map<String, String> variables = new LinkedHashMap<>();
        try (S3Client s3 = builder.build()) {
            for (String arn : arns) {
                if (!arn.startsWith("arn:aws:s3:::") || arn.indexOf('/') < 0) {
                    throw new AwsCallException(container, "invalid environment file "
                            + arn + ": expected arn:aws:s3:::bucket/key", null);
                }
                String path = arn.substring("arn:aws:s3:::".length());
                String bucket = path.substring(0, path.indexOf('/'));
                String key = path.substring(path.indexOf('/') + 1);
                String text;
                try {
                    text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
                } catch (RuntimeException e) {
                    throw new AwsCallException(container, "failed to fetch "
                            + "environment file " + arn + ": " + e.getClass().getSimpleName(), e);
                }
                for (String raw : text.split("\\R")) {
                    String line = raw.strip();
                    int eq = line.indexOf('=');
                    if (!line.isEmpty() && !line.startsWith("#") && eq > 0) {
                        variables.put(line.substring(0, eq).strip(), line.substring(eq + 1));
                    }
                }
            }
        }
        return variables;
    }
}
