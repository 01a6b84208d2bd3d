package dev.localecs.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * One parsed AWS JSON request as an {@link EcsAction} receives it.
 */
public interface ActionRequest {

    /**
     * The operation name from {@code X-Amz-Target}.
     *
     * @return the operation, e.g. {@code RegisterTaskDefinition}
     */
    String operation();

    /**
     * The id sent back in {@code x-amzn-RequestId}.
     *
     * @return the request id
     */
    String requestId();

    /**
     * The request body as a JSON object.
     *
     * @return the body; an empty object when the body was empty
     */
    JsonNode body();

    /**
     * Binds the body to a request type, usually a record. Members of the wrong JSON type give
     * {@code SerializationException}; record components marked {@link Required} that are absent give
     * {@code InvalidParameterException} naming the member.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the bound request
     */
    <T> T bind(Class<T> type);

    /**
     * The {@code Host} header the client sent ({@code host:port}), for answers that point back at the
     * runtime (ECS Exec's {@code streamUrl}).
     *
     * @return the host, or empty when the request came without one
     */
    default Optional<String> host() {
        return Optional.empty();
    }

    /**
     * The address the client reached the runtime at ({@code http://<Host header>}), for answers that point
     * back at the runtime (DiscoverPollEndpoint).
     *
     * @return the address, empty when the request came without a usable {@code Host} header (unit tests)
     */
    default Optional<URI> endpoint() {
        return host().filter(h -> h.matches("[A-Za-z0-9.\\-\\[\\]:]+")).map(h -> URI.create("http://" + h));
    }
}
