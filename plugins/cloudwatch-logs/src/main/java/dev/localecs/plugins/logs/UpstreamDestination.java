package dev.localecs.plugins.logs;

import dev.localecs.api.error.LogDriverException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * Delivers to CloudWatch Logs upstream (the container's {@code awslogs-endpoint}, else {@code
 * upstream.logs.endpoint}, else the region's AWS endpoint) with the AWS SDK packaged in this plugin, signed with
 * the task's execution-role credentials (asked for at each call; the runtime caches them until shortly before they
 * expire). With {@code awslogs-format: json/emf} every call carries {@code x-amzn-logs-format: json/emf}, as
 * Docker's driver sends it. The SDK does not retry: the delivery loop does, with its own backoff, keeping the
 * order.
 */
final class UpstreamDestination implements LogDestination {
    /** The header Docker's awslogs driver sets on its calls when {@code awslogs-format} is given. */
    static final String FORMAT_HEADER = "x-amzn-logs-format";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final CloudWatchLogsClient client;

    UpstreamDestination(Optional<URI> endpoint, String region, Supplier<dev.localecs.api.AwsCredentials> credentials,
                        Optional<String> format) {
        AwsCredentialsProvider provider = () -> sdkCredentials(credentials.get());
        this.client = withPluginLoader(() -> {
            var builder = CloudWatchLogsClient.builder()
                    .region(Region.of(region))
                    .credentialsProvider(provider)
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                            .socketTimeout(CALL_TIMEOUT).build())
                    .overrideConfiguration(c -> {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(CALL_TIMEOUT);
                        format.ifPresent(value -> c.putHeader(FORMAT_HEADER, value));
                    });
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @Override
    public void prepare(String group, String stream, boolean createGroup) {
        try {
            if (createGroup) {
                try {
                    withPluginLoader(() -> client.createLogGroup(r -> r.logGroupName(group)));
                } catch (ResourceAlreadyExistsException exists) {
                    // made by an earlier task
                }
            }
            try {
                withPluginLoader(() -> client.createLogStream(r -> r.logGroupName(group).logStreamName(stream)));
            } catch (ResourceAlreadyExistsException exists) {
                // the stream of a container id or task id seen before
            }
        } catch (AwsServiceException e) {
            throw new LogDriverException("failed to create Cloudwatch log stream: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw new LogDriverException("failed to create Cloudwatch log stream: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // no execution-role credentials (the runtime's message says why)
            throw new LogDriverException("failed to create Cloudwatch log stream: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong lastTimestamp(String group, String stream) {
        try {
            var events = withPluginLoader(() -> client.getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .startFromHead(false).limit(1))).events();
            return events.isEmpty() ? OptionalLong.empty() : OptionalLong.of(events.getLast().timestamp());
        } catch (SdkException e) {
            throw new LogDriverException("failed to read Cloudwatch log stream " + stream + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String group, String stream, List<OutgoingEvent> batch) {
        List<InputLogEvent> events = batch.stream().map(e -> InputLogEvent.builder().timestamp(e.timestamp())
                .message(e.message()).build()).toList();
        try {
            withPluginLoader(() -> client.putLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .logEvents(events)));
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException() || e.statusCode() == 403) {
                throw new DeliveryException("PutLogEvents failed: " + e.getMessage(), e);
            }
            throw e;
        } catch (SdkException e) {
            throw new DeliveryException("PutLogEvents failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static AwsCredentials sdkCredentials(dev.localecs.api.AwsCredentials c) {
        return c.sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(),
                c.secretAccessKey(), token)).orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(),
                c.secretAccessKey()));
    }

    /**
     * Runs SDK code with this plugin's class loader as the thread's context loader: the SDK finds its optional
     * modules through it, and the runtime's threads carry the application loader with the runtime's SDK.
     */
    private static <T> T withPluginLoader(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(UpstreamDestination.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
