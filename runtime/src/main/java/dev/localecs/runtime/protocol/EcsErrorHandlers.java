package dev.localecs.runtime.protocol;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place exceptions become HTTP answers: an {@link EcsException} is its code and message; a path no
 * route serves is a short 404 (logged at FINE); anything else is logged with its stack trace and answered
 * {@code ServerException} without one.
 */
public final class EcsErrorHandlers {
    private static final Logger LOG = Logger.getLogger(EcsErrorHandlers.class.getName());

    private EcsErrorHandlers() {
    }

    /**
     * Registers the handlers on a routing.
     *
     * @param routing the routing builder
     * @param responses the response writer
     */
    public static void register(HttpRouting.Builder routing, EcsResponses responses) {
        routing.error(EcsException.class, (req, res, e) -> ecsError(responses, req, res, e));
        routing.error(NotFoundException.class, EcsErrorHandlers::notFound);
        routing.error(RuntimeException.class, (req, res, e) -> unexpected(responses, req, res, e));
    }

    private static void ecsError(EcsResponses responses, ServerRequest req, ServerResponse res, EcsException e) {
        if (e.code().side() == ErrorCode.Side.SERVER) {
            LOG.log(Level.WARNING, "Request " + EcsResponses.requestId(req) + " failed: " + e.getMessage(), e.getCause());
        } else {
            LOG.fine(() -> "Request " + EcsResponses.requestId(req) + ": " + e.code().awsCode() + ": " + e.getMessage());
        }
        responses.error(req, res, e.code(), e.getMessage());
    }

    /** A path no service serves (only {@code POST /} and the runtime's own pages exist): a short 404. */
    private static void notFound(ServerRequest req, ServerResponse res, NotFoundException e) {
        String what = req.prologue().method().text() + " " + req.path().rawPath();
        LOG.fine(() -> "Request " + EcsResponses.requestId(req) + ": no such path: " + what);
        res.status(Status.NOT_FOUND_404);
        res.header(EcsResponses.REQUEST_ID, EcsResponses.requestId(req));
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.send("Not found: " + what + ". The ECS API is POST /; the runtime's state is GET /health.\n");
    }

    private static void unexpected(EcsResponses responses, ServerRequest req, ServerResponse res, RuntimeException e) {
        String id = EcsResponses.requestId(req);
        LOG.log(Level.SEVERE, "Request " + id + " failed unexpectedly", e);
        responses.error(req, res, ErrorCode.SERVER_EXCEPTION,
                "An internal error occurred while serving the request (request id " + id + ").");
    }
}
