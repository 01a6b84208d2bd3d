package dev.localecs.api.error;

import static java.util.Objects.requireNonNull;

/**
 * The configured upstream AWS endpoint could not be reached or did not answer in time.
 */
public final class UpstreamUnavailableException extends EcsException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;

    /**
     * Creates the error.
     *
     * @param endpoint the upstream endpoint that failed
     * @param cause the transport failure
     */
    public UpstreamUnavailableException(String endpoint, Throwable cause) {
        super(ErrorCode.SERVER_EXCEPTION,
                "Upstream endpoint " + requireNonNull(endpoint, "endpoint is null") + " is unavailable: "
                        + cause.getClass().getSimpleName(), cause);
        this.endpoint = endpoint;
    }

    /**
     * The endpoint that could not be reached.
     *
     * @return the endpoint URL
     */
    public String endpoint() {
        return endpoint;
    }
}
