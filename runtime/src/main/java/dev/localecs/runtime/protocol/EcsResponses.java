package dev.localecs.runtime.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ErrorCode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes AWS JSON 1.1 responses: the body, {@code Content-Type}, {@code x-amzn-RequestId}, and for errors
 * {@code {"__type", "message"}} with {@code X-Amzn-ErrorType} and the code's status.
 */
public final class EcsResponses {
    /** The AWS JSON 1.1 media type. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** The request-id header. */
    public static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    /** The error-type header. */
    public static final HeaderName ERROR_TYPE = HeaderNames.create("X-Amzn-ErrorType");

    private final ObjectMapper json;

    /**
     * Creates the writer.
     *
     * @param json the wire mapper
     */
    public EcsResponses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The request's id, registered by the routing filter (a fresh one when absent).
     *
     * @param request the request
     * @return the id
     */
    public static String requestId(ServerRequest request) {
        return request.context().get(RequestId.class).orElseGet(() -> {
            RequestId id = RequestId.next();
            request.context().register(id);
            return id;
        }).value();
    }

    /**
     * Sends a successful answer.
     *
     * @param request the request
     * @param response the response
     * @param status the HTTP status
     * @param body the body bytes
     * @param contentType the content type
     */
    public void send(ServerRequest request, ServerResponse response, int status, byte[] body, String contentType) {
        response.status(Status.create(status));
        response.header(REQUEST_ID, requestId(request));
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.send(body);
    }

    /**
     * Sends an ECS error.
     *
     * @param request the request
     * @param response the response
     * @param code the error code
     * @param message the message for the caller
     */
    public void error(ServerRequest request, ServerResponse response, ErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", code.awsCode());
        body.put("message", message);
        response.header(ERROR_TYPE, code.awsCode());
        try {
            send(request, response, code.httpStatus(), json.writeValueAsBytes(body), CONTENT_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an error body", e);
        }
    }
}
