package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * What the events worker needs, read once at start.
 *
 * <p>Credentials: the {@link PluginContext} offers no access to the runtime's own API credentials (the
 * credential strategies are other plugins' extensions), so PutEvents is signed with {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} from the runtime's environment, as the
 * {@code env} strategy reads them.
 *
 * @param endpoint the EventBridge endpoint
 * @param region the region the runtime presents (also the signing region)
 * @param credentials the credentials PutEvents is signed with
 */
record EventsSettings(URI endpoint, String region, AwsCredentials credentials) {
    /** The configuration key of the endpoint; its seed-style variable is {@code EVENTS_ENDPOINT_URL}. */
    static final String ENDPOINT_KEY = "upstream.events.endpoint";

    EventsSettings {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(credentials, "credentials is null");
    }

    /**
     * Reads the settings.
     *
     * @param context the runtime's services
     * @return the settings, empty when no endpoint is configured (events are then not sent)
     * @throws ConfigurationException when the endpoint is not an http(s) URL or credentials are missing
     */
    static Optional<EventsSettings> read(PluginContext context) {
        Optional<String> endpoint = context.config().get(ENDPOINT_KEY).map(String::trim);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventsSettings(endpoint(endpoint.get()), context.arns().region(),
                credentials(context.environment())));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ENDPOINT_KEY + " (EVENTS_ENDPOINT_URL) must be an http(s) URL such as "
                    + "http://localhost:5000, not '" + value + "'.");
        }
    }

    private static AwsCredentials credentials(Map<String, String> environment) {
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new ConfigurationException(ENDPOINT_KEY + " is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                    + "are not: PutEvents is signed with the credentials of the runtime's environment.");
        }
        return new AwsCredentials(key, secret,
                Optional.ofNullable(environment.get("AWS_SESSION_TOKEN")).filter(t -> !t.isBlank()),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "EventsSettings[endpoint=" + endpoint + ", region=" + region + ", credentials=" + credentials + "]";
    }
}
