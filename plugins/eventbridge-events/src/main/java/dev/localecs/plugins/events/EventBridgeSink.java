package dev.localecs.plugins.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents to the default event bus with the AWS SDK packaged in this plugin. The client has an HTTP client of
 * its own (the runtime's copy of the SDK is another class loader's), no SDK retries (the delivery loop retries
 * with its own backoff, keeping the order) and a bounded call time.
 */
final class EventBridgeSink implements EventSink {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final EventsSettings settings;
    private final EventBridgeClient client;

    EventBridgeSink(EventsSettings settings) {
        this.settings = settings;
        this.client = withPluginLoader(() -> EventBridgeClient.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials(settings.credentials())))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(CALL_TIMEOUT).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT))
                .build());
    }

    @Override
    public List<Optional<String>> put(List<EventEntry> entries) {
        List<PutEventsRequestEntry> request = entries.stream().map(e -> PutEventsRequestEntry.builder()
                .source(e.source()).detailType(e.detailType()).resources(e.resources()).detail(e.detail())
                .time(e.time()).build()).toList();
        PutEventsResponse response;
        try {
            response = withPluginLoader(() -> client.putEvents(r -> r.entries(request)));
        } catch (SdkException e) {
            throw new DeliveryException("PutEvents to " + settings.endpoint() + " failed: " + e.getMessage(), e);
        }
        List<PutEventsResultEntry> results = response.entries();
        if (results.size() != entries.size()) {
            throw new DeliveryException("PutEvents to " + settings.endpoint() + " answered " + results.size()
                    + " results for " + entries.size() + " entries");
        }
        List<Optional<String>> outcome = new ArrayList<>();
        for (PutEventsResultEntry result : results) {
            outcome.add(result.errorCode() == null ? Optional.empty()
                    : Optional.of(result.errorCode() + ": " + result.errorMessage()));
        }
        return outcome;
    }

    @Override
    public void close() {
        client.close();
    }

    private static AwsCredentials credentials(dev.localecs.api.AwsCredentials credentials) {
        return credentials.sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    /**
     * Runs SDK code with this plugin's class loader as the thread's context loader: the SDK finds its optional
     * modules through it, and the runtime's threads carry the application loader with the runtime's SDK.
     */
    private static <T> T withPluginLoader(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EventBridgeSink.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
