package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.error.MissingParameterException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Optional;

/**
 * The runtime's {@link ActionRequest}: binds the body with the wire mapper and turns binding problems into
 * the ECS errors real clients expect.
 *
 * @param operation the operation
 * @param requestId the request id
 * @param body the body, a JSON object
 * @param json the wire mapper
 * @param host the {@code Host} header the client sent, if any
 */
public record BoundRequest(String operation, String requestId, JsonNode body, ObjectMapper json,
                           Optional<String> host) implements ActionRequest {

    /**
     * Validates the components.
     *
     * @param operation the operation
     * @param requestId the request id
     * @param body the body
     * @param json the mapper
     * @param host the host
     */
    public BoundRequest {
        requireNonNull(host, "host is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(body, "body is null");
        requireNonNull(json, "json is null");
    }

    /**
     * A request without a {@code Host} (tests, internal calls).
     *
     * @param operation the operation
     * @param requestId the request id
     * @param body the body
     * @param json the mapper
     */
    public BoundRequest(String operation, String requestId, JsonNode body, ObjectMapper json) {
        this(operation, requestId, body, json, Optional.empty());
    }

    @Override
    public <T> T bind(Class<T> type) {
        T value;
        try {
            value = json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new EcsException(ErrorCode.SERIALIZATION, describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new EcsException(ErrorCode.SERIALIZATION, "Request body could not be read as " + operation + ".", e);
        }
        if (type.isRecord()) {
            checkRequired(type, value);
        }
        return value;
    }

    private static void checkRequired(Class<?> type, Object value) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (!component.isAnnotationPresent(Required.class)) {
                continue;
            }
            try {
                Method accessor = component.getAccessor();
                // request records are usually package-private inside their plugin
                accessor.setAccessible(true);
                if (accessor.invoke(value) == null) {
                    throw new MissingParameterException(component.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component + " of " + type.getName(), e);
            }
        }
    }

    private static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping) : "";
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "Invalid value at '" + path + "': expected " + typeName(mismatch.getTargetType()) + ".";
        }
        return "Invalid value at '" + path + "'.";
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Temporal.class.isAssignableFrom(type) || type == Double.class) {
            return "a number";
        }
        return "a structure";
    }
}
