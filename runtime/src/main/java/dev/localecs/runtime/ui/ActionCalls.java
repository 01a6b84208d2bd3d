package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.BoundRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.runtime.plugin.ActionRegistry;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls the runtime's own actions (those the loaded plugins serve) the way {@code POST /} would, without
 * going through HTTP or the upstream: the dashboard shows what this runtime serves, never a remote ECS.
 */
final class ActionCalls {
    /** The CloudWatch Logs target prefix. */
    static final String LOGS = "Logs_20140328";

    private final ActionRegistry actions;
    private final ObjectMapper json;

    ActionCalls(ActionRegistry actions, ObjectMapper json) {
        this.actions = actions;
        this.json = json;
    }

    /**
     * Whether a plugin serves an operation.
     *
     * @param service the target prefix
     * @param operation the operation
     * @return true when served locally
     */
    boolean serves(String service, String operation) {
        return actions.find(service, operation).isPresent();
    }

    /**
     * Calls an ECS operation.
     *
     * @param operation the operation
     * @param body the request
     * @return the answer as a tree
     * @throws EcsException the action's error, or {@code UnknownOperationException} when no plugin serves it
     */
    JsonNode ecs(String operation, ObjectNode body) {
        return call(EcsAction.ECS, operation, body);
    }

    /**
     * Calls an operation of any AWS JSON service the plugins serve.
     *
     * @param service the target prefix
     * @param operation the operation
     * @param body the request
     * @return the answer as a tree
     */
    JsonNode call(String service, String operation, ObjectNode body) {
        Optional<EcsAction> action = actions.find(service, operation);
        if (action.isEmpty()) {
            throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "No loaded plugin serves " + operation + ".");
        }
        Object answer = action.get().handle(new BoundRequest(operation, UUID.randomUUID().toString(), body, json));
        return json.valueToTree(answer);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }
}
