package dev.localecs.runtime.protocol;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * The answer to HTTP/1.0 requests. Helidon 4's server speaks HTTP/1.1 only: it rejects an HTTP/1.0 request
 * line before any routing (with 505 and an empty body), and offers no setting to accept it. This keeps the
 * 505 but says why and what to do, so a load tool or proxy user sees the reason instead of a bare status.
 */
public final class HttpVersionRefusal implements DirectHandler {
    /** The body of the 505 answer. */
    public static final String MESSAGE = "HTTP/1.0 is not supported: local-ecs-api speaks HTTP/1.1 only (its "
            + "Helidon 4 server refuses HTTP/1.0). Send HTTP/1.1 requests, as every AWS SDK, the AWS CLI and curl "
            + "do; for load tests use an HTTP/1.1 tool (wrk, hey, oha) rather than ab.\n";

    private final DirectHandler fallback = DirectHandler.defaultHandler();

    private HttpVersionRefusal() {
    }

    /**
     * Helidon's direct handlers with this one for unsupported HTTP versions.
     *
     * @return the handlers for a listener
     */
    public static DirectHandlers handlers() {
        return DirectHandlers.builder().addHandler(EventType.HTTP_VERSION_NOT_SUPPORTED, new HttpVersionRefusal())
                .build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        if (eventType != EventType.HTTP_VERSION_NOT_SUPPORTED) {
            return fallback.handle(request, eventType, defaultStatus, responseHeaders, message);
        }
        responseHeaders.set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        return TransportResponse.builder()
                .status(Status.HTTP_VERSION_NOT_SUPPORTED_505)
                .headers(responseHeaders)
                .keepAlive(false)
                .entity(MESSAGE)
                .build();
    }
}
