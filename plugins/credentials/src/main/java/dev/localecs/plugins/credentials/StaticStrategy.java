package dev.localecs.plugins.credentials;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ConfigView;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.PluginContext;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code static}: fixed test credentials from {@code credentials.static.access-key-id},
 * {@code credentials.static.secret-access-key} (and optionally {@code credentials.static.session-token}),
 * vended to tasks as they are — no STS call, fully offline.
 */
@Extension
public final class StaticStrategy implements CredentialStrategy {
    private final ConfigView config;

    /**
     * Creates the strategy.
     *
     * @param context the runtime's services
     */
    public StaticStrategy(PluginContext context) {
        this.config = context.config();
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
        Optional<String> key = config.get("credentials.static.access-key-id");
        Optional<String> secret = config.get("credentials.static.secret-access-key");
        if (key.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(key.get(), secret.get(), config.get("credentials.static.session-token"),
                Optional.empty()));
    }

    @Override
    public boolean vendsDirectly() {
        return true;
    }

    @Override
    public Optional<String> misconfiguration(CredentialPurpose purpose) {
        if (config.get("credentials.static.access-key-id").isEmpty()) {
            return Optional.of("credentials.static.access-key-id (CREDENTIALS_STATIC_ACCESS_KEY_ID) is not set.");
        }
        if (config.get("credentials.static.secret-access-key").isEmpty()) {
            return Optional.of("credentials.static.secret-access-key (CREDENTIALS_STATIC_SECRET_ACCESS_KEY) is not "
                    + "set.");
        }
        return Optional.empty();
    }
}
