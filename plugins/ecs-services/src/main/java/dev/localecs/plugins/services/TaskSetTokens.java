package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.Optional;

/**
 * CreateTaskSet's {@code clientToken}. ECS scopes a token to the cluster: a retry with the same token and the same
 * parameters answers the task set the first call created, the same token with other parameters is refused with
 * {@code ConflictException} (what ECS documents for a reused token). The token and the request it came with are
 * kept with the task set ({@link TaskSets#PRIVATE_MEMBERS}, never answered), so they are saved with the service and
 * forgotten with the task set.
 */
final class TaskSetTokens {
    private TaskSetTokens() {
    }

    /** The request as compared: without its token, the cluster and service by name (not as given: name or ARN). */
    static ObjectNode request(JsonNode raw, String cluster, String service) {
        ObjectNode request = raw.deepCopy();
        request.remove("clientToken");
        request.put("cluster", cluster);
        request.put("service", service);
        return request;
    }

    /**
     * The task set an earlier CreateTaskSet with this token made in the cluster, when it is still known.
     *
     * @throws EcsException {@code ConflictException} when that earlier call had other parameters
     */
    static Optional<ObjectNode> earlier(ServiceStore store, String cluster, String token, ObjectNode request) {
        for (StoredService service : store.all()) {
            if (!service.cluster().equals(cluster)) {
                continue;
            }
            for (ObjectNode set : TaskSets.of(service)) {
                if (token.equals(set.path("clientToken").textValue())) {
                    if (!request.equals(set.get("clientRequest"))) {
                        throw new EcsException(ErrorCode.CONFLICT, "The client token " + token + " was already "
                                + "used for a CreateTaskSet request with different parameters.");
                    }
                    return Optional.of(set);
                }
            }
        }
        return Optional.empty();
    }

    /** The new task set with the token and the request kept for retries. */
    static ObjectNode remember(ObjectNode set, String token, ObjectNode request) {
        set.put("clientToken", token);
        set.set("clientRequest", request);
        return set;
    }
}
