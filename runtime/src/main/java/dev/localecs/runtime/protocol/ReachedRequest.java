package dev.localecs.runtime.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.BoundRequest;
import java.net.URI;
import java.util.Optional;

/** A bound request with the address the client reached (from its {@code Host} header). */
record ReachedRequest(BoundRequest bound, Optional<URI> endpoint) implements ActionRequest {

    ReachedRequest {
        requireNonNull(bound, "bound is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    static Optional<URI> from(Optional<String> host) {
        return host.filter(h -> h.matches("[A-Za-z0-9.\\-\\[\\]:]+")).map(h -> URI.create("http://" + h));
    }

    @Override
    public String operation() {
        return bound.operation();
    }

    @Override
    public String requestId() {
        return bound.requestId();
    }

    @Override
    public JsonNode body() {
        return bound.body();
    }

    @Override
    public <T> T bind(Class<T> type) {
        return bound.bind(type);
    }
}
