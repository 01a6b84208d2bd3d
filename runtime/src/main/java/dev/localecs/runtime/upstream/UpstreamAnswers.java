package dev.localecs.runtime.upstream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.io.IOException;
import java.util.Optional;

/**
 * Decides whether an upstream answer can go back to the caller as it is. Real clients read an AWS JSON 1.1
 * answer: a JSON object on success, and on failure a JSON object naming the error in {@code __type} (or the
 * {@code X-Amzn-ErrorType} header). Anything else — an HTML error page from a proxy, an empty 5xx, a plain-text
 * 502 — would reach an SDK as an unparseable or anonymous error, so it becomes a {@code ServerException} (HTTP
 * 500) that names the upstream, its status and its own request id.
 */
final class UpstreamAnswers {
    private final ObjectMapper json;

    UpstreamAnswers(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Passes an AWS-shaped answer, refuses any other.
     *
     * @param endpoint the upstream endpoint, for the message
     * @param operation the operation, for the message
     * @param answer what upstream answered
     * @param upstreamRequestId upstream's {@code x-amzn-RequestId}, if it sent one
     * @return the answer, unchanged
     * @throws EcsException {@code ServerException} when the answer is not AWS JSON
     */
    UpstreamResponse check(String endpoint, String operation, UpstreamResponse answer,
                           Optional<String> upstreamRequestId) {
        Optional<JsonNode> body = object(answer.body());
        boolean success = answer.status() >= 200 && answer.status() < 300;
        if (success && (answer.body().length == 0 || body.isPresent())) {
            return answer;
        }
        if (!success && body.isPresent() && (answer.errorType().isPresent() || errorCode(body.get()))) {
            return answer;
        }
        throw new EcsException(ErrorCode.SERVER_EXCEPTION, "Upstream endpoint " + endpoint + " answered "
                + operation + " with HTTP " + answer.status() + " and " + describe(answer)
                + upstreamRequestId.map(id -> "; upstream request id " + id).orElse("; no upstream request id") + ".");
    }

    private Optional<JsonNode> object(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean errorCode(JsonNode body) {
        JsonNode type = body.get("__type");
        return type != null && type.isTextual() && !type.textValue().isBlank();
    }

    private static String describe(UpstreamResponse answer) {
        if (answer.body().length == 0) {
            return "an empty body instead of an AWS JSON " + (answer.status() < 300 ? "document" : "error");
        }
        return "a body that is not an AWS JSON " + (answer.status() < 300 ? "document" : "error") + " ("
                + answer.contentType().orElse("no content type") + ", " + answer.body().length + " bytes)";
    }
}
