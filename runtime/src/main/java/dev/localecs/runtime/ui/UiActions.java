package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.error.EcsException;

/**
 * The dashboard's actions, each the ECS operation a client would call (StopTask, UpdateService), so the
 * plugins serving them apply their rules and events as for any caller. The caller checked the guard.
 */
final class UiActions {
    private final ActionCalls calls;

    UiActions(ActionCalls calls) {
        this.calls = calls;
    }

    JsonNode stopTask(String cluster, String taskId) {
        ObjectNode request = calls.object();
        request.put("cluster", cluster);
        request.put("task", taskId);
        request.put("reason", "Stopped from the local-ecs-api dashboard");
        return calls.ecs("StopTask", request);
    }

    JsonNode desiredCount(String cluster, String service, ObjectNode body) {
        JsonNode count = body.get("desiredCount");
        if (count == null || !count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < 0) {
            throw EcsException.invalidParameter("desiredCount must be a whole number of at least 0.");
        }
        ObjectNode request = calls.object();
        request.put("cluster", cluster);
        request.put("service", service);
        request.put("desiredCount", count.asInt());
        return calls.ecs("UpdateService", request);
    }

    JsonNode forceDeployment(String cluster, String service) {
        ObjectNode request = calls.object();
        request.put("cluster", cluster);
        request.put("service", service);
        request.put("forceNewDeployment", true);
        return calls.ecs("UpdateService", request);
    }
}
