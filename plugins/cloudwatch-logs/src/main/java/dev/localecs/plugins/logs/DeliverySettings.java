package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How awslogs output is delivered, read once.
 *
 * @param destination where it goes ({@code logs.destination})
 * @param endpoint the upstream CloudWatch Logs endpoint ({@code upstream.logs.endpoint}); empty: AWS's
 * @param region the runtime's region (used when a container names no {@code awslogs-region})
 * @param bufferLines lines buffered per container ({@code logs.buffer-lines})
 * @param attempts attempts per upstream batch ({@code logs.upstream-attempts})
 * @param multilineFlush how long a joined multiline event waits for more lines before it is sent (Docker's
 *     awslogs driver flushes every 5 seconds)
 */
record DeliverySettings(Destination destination, Optional<URI> endpoint, String region, int bufferLines,
                        int attempts, Duration multilineFlush) {
    static final String DESTINATION_KEY = "logs.destination";
    static final String ENDPOINT_KEY = "upstream.logs.endpoint";

    /** Where awslogs output goes. */
    enum Destination {
        /** the embedded store */
        EMBEDDED,
        /** CloudWatch Logs upstream */
        UPSTREAM,
        /** Docker only */
        NONE
    }

    DeliverySettings {
        requireNonNull(destination, "destination is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(multilineFlush, "multilineFlush is null");
    }

    /**
     * Reads the settings.
     *
     * @param context the runtime's services
     * @return the settings
     * @throws ConfigurationException naming a value out of range
     */
    static DeliverySettings read(PluginContext context) {
        String value = context.config().get(DESTINATION_KEY, "embedded").trim();
        Destination destination;
        try {
            destination = Destination.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(DESTINATION_KEY + " must be embedded, upstream or none, not '" + value
                    + "'.");
        }
        int buffer = context.config().getInt("logs.buffer-lines", 10_000);
        int attempts = context.config().getInt("logs.upstream-attempts", 8);
        if (buffer < 1 || attempts < 1) {
            throw new ConfigurationException("logs.buffer-lines and logs.upstream-attempts must be at least 1.");
        }
        return new DeliverySettings(destination, context.config().get(ENDPOINT_KEY).map(String::trim)
                .filter(s -> !s.isEmpty()).map(DeliverySettings::endpoint), context.arns().region(), buffer, attempts,
                Duration.ofSeconds(5));
    }

    /**
     * Where a container's events go upstream: its own {@code awslogs-endpoint} first, as Docker's driver sends
     * there, else {@code upstream.logs.endpoint}.
     *
     * @param options the container's options
     * @return the endpoint; empty: the region's AWS endpoint
     */
    Optional<URI> upstreamEndpoint(AwslogsOptions options) {
        return options.endpoint().or(() -> endpoint);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ENDPOINT_KEY + " (LOGS_ENDPOINT_URL) must be an http(s) URL such as "
                    + "http://localhost:5000, not '" + value + "'.");
        }
    }
}
