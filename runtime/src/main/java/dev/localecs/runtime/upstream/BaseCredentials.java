package dev.localecs.runtime.upstream;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runtime's own AWS identity: the configured credential strategy when one is chosen
 * ({@code credentials.api.strategy}), otherwise {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/
 * {@code AWS_SESSION_TOKEN} from the environment, otherwise none (requests then go upstream unsigned-as-sent).
 */
public final class BaseCredentials {
    private final Supplier<Optional<CredentialStrategy>> strategy;
    private final Map<String, String> environment;

    /**
     * Creates the source.
     *
     * @param strategy the chosen strategy, if any (asked on every use: it is chosen after plugins load)
     * @param environment the process environment
     */
    public BaseCredentials(Supplier<Optional<CredentialStrategy>> strategy, Map<String, String> environment) {
        this.strategy = strategy;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The credentials for the runtime's own calls.
     *
     * @return the credentials, or empty when there are none
     */
    public Optional<AwsCredentials> forApi() {
        Optional<CredentialStrategy> chosen = strategy.get();
        if (chosen.isPresent()) {
            return chosen.get().credentials(CredentialPurpose.API);
        }
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(key, secret,
                Optional.ofNullable(environment.get("AWS_SESSION_TOKEN")).filter(token -> !token.isBlank()),
                Optional.empty()));
    }

    /**
     * Where the credentials come from, for {@code /health} (never the values).
     *
     * @return e.g. {@code strategy:env} or {@code environment}
     */
    public String source() {
        return strategy.get().map(s -> "strategy:" + s.name()).orElse(forApi().isPresent() ? "environment" : "none");
    }
}
