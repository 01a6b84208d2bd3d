package dev.localecs.runtime.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.BoundRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.runtime.plugin.ActionRegistry;
import dev.localecs.runtime.upstream.UpstreamEcs;
import dev.localecs.runtime.upstream.UpstreamResponse;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /} with {@code X-Amz-Target: <service>.<Operation>}: the operation goes to the plugin action that
 * serves it; an ECS operation of the model that no plugin serves goes to the upstream endpoint, else is refused
 * with {@code UnknownOperationException}, as is a name that is neither an ECS operation nor served by a plugin
 * (never forwarded), any operation of another service (CloudWatch Logs, EventBridge…) no plugin serves, and any
 * service no plugin serves. The body of an ECS operation is type-checked against its input shape before it
 * reaches an action or upstream.
 */
public final class AwsJsonService implements HttpService {
    /**
     * Largest accepted request body: 8 MiB. CloudWatch Logs' PutLogEvents takes 1 MiB of events as it counts them
     * (UTF-8 message + 26 bytes each), whose JSON is larger: a control character is escaped in six bytes, botocore
     * escapes every non-ASCII character, and each event adds its field names.
     */
    public static final int MAX_BODY = 8 * 1024 * 1024;
    private static final HeaderName TARGET = HeaderNames.create("X-Amz-Target");
    private static final List<String> SIGNATURE_HEADERS = List.of("Authorization", "X-Amz-Date",
            "X-Amz-Security-Token", "X-Amz-Content-Sha256");

    private final ActionRegistry actions;
    private final UpstreamEcs upstream;
    private final ObjectMapper json;
    private final EcsResponses responses;
    private final EcsModel model;
    private final WireTypeCheck typeCheck;

    /**
     * Creates the service with the ECS model the build took from the AWS SDK.
     *
     * @param actions the action registry
     * @param upstream the upstream endpoint
     * @param json the wire mapper
     * @param responses the response writer
     */
    public AwsJsonService(ActionRegistry actions, UpstreamEcs upstream, ObjectMapper json, EcsResponses responses) {
        this(actions, upstream, json, responses, EcsModel.bundled());
    }

    /**
     * Creates the service.
     *
     * @param actions the action registry
     * @param upstream the upstream endpoint
     * @param json the wire mapper
     * @param responses the response writer
     * @param model the ECS model: operation names and input shapes
     */
    public AwsJsonService(ActionRegistry actions, UpstreamEcs upstream, ObjectMapper json, EcsResponses responses,
                          EcsModel model) {
        this.actions = actions;
        this.upstream = upstream;
        this.json = json;
        this.responses = responses;
        this.model = model;
        this.typeCheck = new WireTypeCheck(model);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        String operation = target.operation();
        byte[] body = readBody(request);
        Optional<EcsAction> action = actions.find(target.service(), operation);
        boolean ecs = target.service().equals(EcsAction.ECS);
        Optional<WireShape.Structure> input = ecs ? model.input(operation) : Optional.empty();
        boolean ecsOperation = input.isPresent();
        if (action.isEmpty() && !ecsOperation) {
            throw new EcsException(ErrorCode.UNKNOWN_OPERATION, ecs ? "Operation " + operation
                    + " is not an Amazon ECS operation and no plugin serves it." : "Operation " + operation + " of "
                    + target.service() + " is not supported by local-ecs-api.");
        }
        JsonNode parsed = parse(body);
        if (ecsOperation) {
            typeCheck.check(input.get(), parsed);
        }
        if (action.isEmpty()) {
            forward(request, response, operation, body);
            return;
        }
        BoundRequest bound = new BoundRequest(operation, EcsResponses.requestId(request), parsed, json,
                request.headers().first(HeaderNames.HOST).filter(host -> !host.isBlank()));
        Object result = action.get().handle(bound);
        try {
            responses.send(request, response, 200, json.writeValueAsBytes(result == null ? Map.of() : result),
                    EcsResponses.CONTENT_TYPE);
        } catch (JsonProcessingException e) {
            throw new EcsException(ErrorCode.SERVER_EXCEPTION, "The " + operation + " response could not be written.", e);
        }
    }

    private void forward(ServerRequest request, ServerResponse response, String operation, byte[] body) {
        if (upstream.endpoint().isEmpty()) {
            throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "Operation " + operation
                    + " is not supported by local-ecs-api and no upstream ECS endpoint is configured "
                    + "(upstream.ecs.endpoint / ECS_ENDPOINT_URL).");
        }
        Map<String, String> signature = new LinkedHashMap<>();
        for (String name : SIGNATURE_HEADERS) {
            request.headers().first(HeaderNames.create(name)).ifPresent(value -> signature.put(name, value));
        }
        UpstreamResponse answer = upstream.call(operation, body, signature);
        answer.errorType().ifPresent(type -> response.header(EcsResponses.ERROR_TYPE, type));
        responses.send(request, response, answer.status(), answer.body(),
                answer.contentType().orElse(EcsResponses.CONTENT_TYPE));
    }

    /** {@code X-Amz-Target: <service prefix>.<Operation>}; a service no action serves is unknown. */
    private Target target(ServerRequest request) {
        String target = request.headers().first(TARGET).orElse("");
        int dot = target.lastIndexOf('.');
        if (target.isEmpty()) {
            throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "Missing X-Amz-Target header: expected "
                    + UpstreamEcs.TARGET_PREFIX + "<Operation>.");
        }
        if (dot <= 0 || dot == target.length() - 1 || !actions.serves(target.substring(0, dot))) {
            throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "Unknown target '" + target + "': expected "
                    + UpstreamEcs.TARGET_PREFIX + "<Operation>" + " or the target of another service a plugin serves.");
        }
        return new Target(target.substring(0, dot), target.substring(dot + 1));
    }

    /** A parsed {@code X-Amz-Target}. */
    private record Target(String service, String operation) {
    }

    private static byte[] readBody(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > MAX_BODY) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EcsException tooLarge() {
        return EcsException.client("Request body is larger than the maximum of " + MAX_BODY + " bytes.");
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new EcsException(ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new EcsException(ErrorCode.SERIALIZATION, "The request body is not valid JSON.", e);
        }
    }
}
