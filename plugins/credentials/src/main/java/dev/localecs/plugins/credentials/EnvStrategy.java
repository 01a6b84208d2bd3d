package dev.localecs.plugins.credentials;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.PluginContext;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code env}: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}; for the
 * endpoint, {@code ECS_ENDPOINT_AWS_ACCESS_KEY_ID}/{@code ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY}/
 * {@code ECS_ENDPOINT_AWS_SESSION_TOKEN} first (the seed's names).
 */
@Extension
public final class EnvStrategy implements CredentialStrategy {
    private final Map<String, String> environment;

    /**
     * Creates the strategy.
     *
     * @param context the runtime's services
     */
    public EnvStrategy(PluginContext context) {
        this.environment = context.environment();
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
        if (purpose == CredentialPurpose.ENDPOINT) {
            Optional<AwsCredentials> endpoint = read("ECS_ENDPOINT_");
            if (endpoint.isPresent()) {
                return endpoint;
            }
        }
        return read("");
    }

    private Optional<AwsCredentials> read(String prefix) {
        String key = environment.get(prefix + "AWS_ACCESS_KEY_ID");
        String secret = environment.get(prefix + "AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(key, secret,
                Optional.ofNullable(environment.get(prefix + "AWS_SESSION_TOKEN")).filter(t -> !t.isBlank()),
                Optional.empty()));
    }

    @Override
    public Optional<String> misconfiguration(CredentialPurpose purpose) {
        return credentials(purpose).isPresent() ? Optional.empty() : Optional.of(purpose == CredentialPurpose.ENDPOINT
                ? "neither ECS_ENDPOINT_AWS_ACCESS_KEY_ID/ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY nor "
                        + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY is set."
                : "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.");
    }
}
