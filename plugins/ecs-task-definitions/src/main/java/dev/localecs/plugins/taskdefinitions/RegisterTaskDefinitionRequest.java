package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.EphemeralStorage;
import dev.localecs.api.model.InferenceAccelerator;
import dev.localecs.api.model.ProxyConfiguration;
import dev.localecs.api.model.RuntimePlatform;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.TaskDefinitionPlacementConstraint;
import dev.localecs.api.model.Volume;
import java.util.List;

/**
 * The RegisterTaskDefinition request members (botocore {@code RegisterTaskDefinitionRequest}). {@code family}
 * and {@code containerDefinitions} are required, but ECS answers their absence with its own ClientException
 * texts, so {@link TaskDefinitionValidator} checks them rather than the generic required-member rule.
 */
record RegisterTaskDefinitionRequest(
        String family,
        String taskRoleArn,
        String executionRoleArn,
        String networkMode,
        List<ContainerDefinition> containerDefinitions,
        List<Volume> volumes,
        List<TaskDefinitionPlacementConstraint> placementConstraints,
        List<String> requiresCompatibilities,
        String cpu,
        String memory,
        List<Tag> tags,
        String pidMode,
        String ipcMode,
        ProxyConfiguration proxyConfiguration,
        List<InferenceAccelerator> inferenceAccelerators,
        EphemeralStorage ephemeralStorage,
        RuntimePlatform runtimePlatform,
        Boolean enableFaultInjection) {

    List<Volume> volumesOrEmpty() {
        return volumes == null ? List.of() : volumes;
    }

    List<String> compatibilitiesOrEmpty() {
        return requiresCompatibilities == null ? List.of() : requiresCompatibilities;
    }

    boolean fargate() {
        return compatibilitiesOrEmpty().contains("FARGATE");
    }
}
