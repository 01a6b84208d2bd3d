package dev.localecs.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Produces base AWS credentials (from the environment, a profile, a mounted file, fixed test values…).
 * The runtime picks the strategy for each {@link CredentialPurpose} by its {@link #name()}.
 */
public interface CredentialStrategy extends ExtensionPoint {

    /**
     * The strategy's name, the value of {@code credentials.api.strategy} / {@code credentials.endpoint.strategy}.
     *
     * @return e.g. {@code env}
     */
    String name();

    /**
     * Base credentials for a purpose.
     *
     * @param purpose what they are for
     * @return the credentials, or empty when this strategy has none for the purpose
     */
    Optional<AwsCredentials> credentials(CredentialPurpose purpose);

    /**
     * Whether the endpoint hands this strategy's credentials to tasks as they are, instead of assuming the
     * task role with them (fully offline use).
     *
     * @return false unless the strategy says so
     */
    default boolean vendsDirectly() {
        return false;
    }

    /**
     * What is missing for this strategy to work for a purpose, checked when configuration chooses it.
     *
     * @param purpose the purpose it was chosen for
     * @return a message naming the missing setting, or empty when the strategy is usable
     */
    default Optional<String> misconfiguration(CredentialPurpose purpose) {
        return Optional.empty();
    }

    /**
     * What keeps this strategy from producing credentials for a purpose right now although its configuration
     * is complete — an expired login, a failing credential process — for {@code /health}. Asked on every
     * health request, so it should answer from cached credentials where it can.
     *
     * @param purpose the purpose it was chosen for
     * @return a message saying what is wrong and what to do, or empty while the strategy works
     */
    default Optional<String> problem(CredentialPurpose purpose) {
        return Optional.empty();
    }
}
