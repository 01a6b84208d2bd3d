package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's deployment controller ({@code deploymentController.type}) and the rules that follow from it: whether
 * the service scheduler deploys it (ECS) or its task sets do (CODE_DEPLOY: a PRIMARY task set made at CreateService,
 * later ones by CodeDeploy through CreateTaskSet; EXTERNAL: every task set by the caller), whether CreateService needs
 * a task definition, and what UpdateService may not change.
 */
enum DeploymentController {
    /** Rolling updates by the service scheduler. */
    ECS(""),
    /** Blue/green by AWS CodeDeploy, through task sets. */
    CODE_DEPLOY("Use AWS CodeDeploy to trigger a new deployment."),
    /** A third-party controller, through task sets. */
    EXTERNAL("Use task sets instead.");

    /**
     * UpdateService members that a task-set controller refuses, with the words ECS uses for each in
     * "Unable to update … on services with a … deployment controller.". {@code forceNewDeployment} starts a
     * deployment with the service's network, so ECS answers it as a network change.
     */
    private static final Map<String, String> DEPLOYED_BY_TASK_SETS = orderedMap(
            "taskDefinition", "task definition",
            "networkConfiguration", "network parameters",
            "forceNewDeployment", "network parameters",
            "loadBalancers", "load balancers",
            "platformVersion", "platform version");

    private final String advice;

    DeploymentController(String advice) {
        this.advice = advice;
    }

    /**
     * The controller a CreateService or UpdateService request names ({@code ECS} when it names none).
     *
     * @throws EcsException {@code InvalidParameterException} for a type ECS does not know
     */
    static DeploymentController of(JsonNode request) {
        String type = request.path("deploymentController").path("type").asText("ECS");
        return Arrays.stream(values()).filter(controller -> controller.name().equals(type)).findFirst()
                .orElseThrow(() -> EcsException.invalidParameter("Invalid deploymentController type '" + type
                        + "'. Valid values: ECS, CODE_DEPLOY, EXTERNAL."));
    }

    /** The controller stored with a service ({@code ECS} for files written before it was stored). */
    static DeploymentController of(StoredService service) {
        return of(service.members());
    }

    /** Whether the service's tasks belong to task sets rather than to deployments of the service scheduler. */
    boolean usesTaskSets() {
        return this != ECS;
    }

    /** Whether CreateService needs a task definition (ECS makes it optional for EXTERNAL only). */
    boolean requiresTaskDefinition() {
        return this != EXTERNAL;
    }

    /** Whether CreateService makes the service's first task set (PRIMARY) from the service's own parameters. */
    boolean createsPrimaryTaskSet() {
        return this == CODE_DEPLOY;
    }

    /**
     * Refuses an UpdateService request that changes what only a new task set may change: the task definition,
     * network, load balancers, platform version, or a forced new deployment.
     *
     * @param request the UpdateService request body
     * @throws EcsException {@code InvalidParameterException} with ECS's text, naming the first such member
     */
    void checkUpdate(JsonNode request) {
        if (!usesTaskSets()) {
            return;
        }
        DEPLOYED_BY_TASK_SETS.forEach((member, words) -> {
            JsonNode given = request.get(member);
            if (given != null && !given.isNull() && !(given.isBoolean() && !given.booleanValue())) {
                throw EcsException.invalidParameter("Unable to update " + words + " on services with a " + name()
                        + " deployment controller. " + advice);
            }
        });
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
