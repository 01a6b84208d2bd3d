package dev.localecs.plugins.taskdefinitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.EcsArns;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.TaskDefinition;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds the stored revision from a validated request, filling what ECS fills: ARN, revision, status,
 * registration data, compatibilities, requiresAttributes, normalised task cpu/memory, {@code enableFaultInjection},
 * the container defaults ECS reports ({@code cpu: 0}, {@code essential: true}, empty lists, port protocol and
 * host port, health-check timings) and the nested volume defaults (EFS root directory, Docker volume scope and
 * driver). Only what real ECS answers is filled: Terraform and describe-and-re-register loops compare it.
 */
final class TaskDefinitionFactory {
    private final ObjectMapper json;
    private final EcsArns arns;

    TaskDefinitionFactory(ObjectMapper json, EcsArns arns) {
        this.json = json;
        this.arns = arns;
    }

    TaskDefinition create(RegisterTaskDefinitionRequest request, int revision, Instant now) {
        ObjectNode node = json.valueToTree(request);
        node.remove("tags");
        node.put("taskDefinitionArn", arns.taskDefinition(request.family(), revision));
        node.put("revision", revision);
        node.put("status", "ACTIVE");
        node.set("registeredAt", json.valueToTree(now));
        node.put("registeredBy", arns.accountRoot());
        TaskSize.cpuUnits(request.cpu()).ifPresent(cpu -> node.put("cpu", Integer.toString(cpu)));
        TaskSize.memoryMiB(request.memory()).ifPresent(memory -> node.put("memory", Integer.toString(memory)));
        emptyArray(node, "volumes");
        emptyArray(node, "placementConstraints");
        for (JsonNode volume : node.withArray("volumes")) {
            fillVolume((ObjectNode) volume);
        }
        if (!node.hasNonNull("enableFaultInjection")) {
            node.put("enableFaultInjection", false);
        }
        boolean sameNamespace = "awsvpc".equals(request.networkMode()) || "host".equals(request.networkMode());
        for (JsonNode container : node.withArray("containerDefinitions")) {
            fillContainer((ObjectNode) container, sameNamespace);
        }
        ArrayNode compatibilities = node.putArray("compatibilities");
        if ("awsvpc".equals(request.networkMode())) {
            compatibilities.add("EC2");
            if (fargateCompatible(request)) {
                compatibilities.add("FARGATE");
            }
            if (request.compatibilitiesOrEmpty().contains("EXTERNAL")) {
                compatibilities.add("EXTERNAL");
            }
        } else {
            // ECS Anywhere takes every network mode but awsvpc, so ECS lists EXTERNAL first for these
            compatibilities.add("EXTERNAL");
            compatibilities.add("EC2");
        }
        if (request.compatibilitiesOrEmpty().contains("MANAGED_INSTANCES")) {
            compatibilities.add("MANAGED_INSTANCES");
        }
        ArrayNode attributes = node.putArray("requiresAttributes");
        requiredAttributes(request).forEach(name -> attributes.addObject().put("name", name));
        return json.convertValue(node, TaskDefinition.class);
    }

    /** A volume with no configuration is a bind mount ({@code host: {}}); nested defaults as ECS answers them. */
    private static void fillVolume(ObjectNode volume) {
        if (!volume.hasNonNull("host") && !volume.hasNonNull("dockerVolumeConfiguration")
                && !volume.hasNonNull("efsVolumeConfiguration") && !volume.hasNonNull("fsxWindowsFileServerVolumeConfiguration")
                && !volume.hasNonNull("configuredAtLaunch") && !volume.hasNonNull("s3filesVolumeConfiguration")) {
            volume.putObject("host");
        }
        if (volume.get("efsVolumeConfiguration") instanceof ObjectNode efs) {
            defaultTo(efs, "rootDirectory", "/");
        }
        if (volume.get("dockerVolumeConfiguration") instanceof ObjectNode docker) {
            defaultTo(docker, "scope", "task");
            defaultTo(docker, "driver", "local");
        }
    }

    private static void fillContainer(ObjectNode container, boolean sameNamespace) {
        if (!container.hasNonNull("cpu")) {
            container.put("cpu", 0);
        }
        if (container.get("healthCheck") instanceof ObjectNode check) {
            // ECS's defaults (not Docker's 30 s timeout), written into the definition; startPeriod stays absent
            defaultTo(check, "interval", 30);
            defaultTo(check, "timeout", 5);
            defaultTo(check, "retries", 3);
        }
        emptyArray(container, "portMappings");
        if (!container.hasNonNull("essential")) {
            container.put("essential", true);
        }
        emptyArray(container, "environment");
        emptyArray(container, "mountPoints");
        emptyArray(container, "volumesFrom");
        emptyArray(container, "systemControls");
        for (JsonNode port : container.withArray("portMappings")) {
            ObjectNode mapping = (ObjectNode) port;
            if (!mapping.hasNonNull("protocol")) {
                mapping.put("protocol", "tcp");
            }
            if (sameNamespace && !mapping.hasNonNull("hostPort") && mapping.hasNonNull("containerPort")) {
                mapping.put("hostPort", mapping.get("containerPort").intValue());
            }
        }
    }

    private static void defaultTo(ObjectNode node, String member, String value) {
        if (!node.hasNonNull(member)) {
            node.put(member, value);
        }
    }

    private static void defaultTo(ObjectNode node, String member, int value) {
        if (!node.hasNonNull(member)) {
            node.put(member, value);
        }
    }

    private static void emptyArray(ObjectNode node, String member) {
        if (!node.hasNonNull(member)) {
            node.putArray(member);
        }
    }

    private static boolean fargateCompatible(RegisterTaskDefinitionRequest request) {
        if (!"awsvpc".equals(request.networkMode())) {
            return false;
        }
        var cpu = TaskSize.cpuUnits(request.cpu());
        var memory = TaskSize.memoryMiB(request.memory());
        return cpu.isPresent() && memory.isPresent() && TaskSize.fargateSupports(cpu.get(), memory.get())
                && FargateRules.violation(request).isEmpty();
    }

    /** The capability attributes ECS derives from the definition, in a stable order. */
    static Set<String> requiredAttributes(RegisterTaskDefinitionRequest request) {
        Set<String> names = new LinkedHashSet<>();
        boolean executionRole = request.executionRoleArn() != null;
        if (request.taskRoleArn() != null) {
            names.add("com.amazonaws.ecs.capability.task-iam-role");
        }
        if ("awsvpc".equals(request.networkMode())) {
            names.add("com.amazonaws.ecs.capability.docker-remote-api.1.18");
            names.add("ecs.capability.task-eni");
        }
        if (request.pidMode() != null || request.ipcMode() != null) {
            names.add("ecs.capability.pid-ipc-namespace-sharing");
        }
        boolean efs = request.volumesOrEmpty().stream().anyMatch(v -> v.efsVolumeConfiguration() != null);
        if (efs) {
            names.add("ecs.capability.efsAuth");
        }
        for (ContainerDefinition c : request.containerDefinitions()) {
            if (c.image().contains(".dkr.ecr.")) {
                names.add("com.amazonaws.ecs.capability.ecr-auth");
                if (executionRole) {
                    names.add("ecs.capability.execution-role-ecr-pull");
                }
            }
            if (c.repositoryCredentials() != null) {
                names.add("com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager");
            }
            if (c.logConfiguration() != null && c.logConfiguration().logDriver() != null) {
                String driver = c.logConfiguration().logDriver();
                names.add("com.amazonaws.ecs.capability.logging-driver." + driver);
                if (driver.equals("awslogs")) {
                    names.add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
                    if (executionRole) {
                        names.add("ecs.capability.execution-role-awslogs");
                    }
                }
            }
            if (c.dockerLabels() != null && !c.dockerLabels().isEmpty()) {
                names.add("com.amazonaws.ecs.capability.docker-remote-api.1.18");
            }
            if (c.healthCheck() != null) {
                names.add("ecs.capability.container-health-check");
            }
            if (c.dependsOn() != null && !c.dependsOn().isEmpty()) {
                names.add("ecs.capability.container-ordering");
            }
            if (c.secrets() != null) {
                for (var secret : c.secrets()) {
                    String from = secret.valueFrom() == null ? "" : secret.valueFrom();
                    names.add(from.startsWith("arn:aws:secretsmanager:")
                            ? "ecs.capability.secrets.asm.environment-variables"
                            : "ecs.capability.secrets.ssm.environment-variables");
                }
            }
            if (c.environmentFiles() != null && !c.environmentFiles().isEmpty()) {
                names.add("ecs.capability.env-files.s3");
            }
            if (c.firelensConfiguration() != null) {
                names.add("ecs.capability.firelens." + c.firelensConfiguration().type());
            }
        }
        return names;
    }
}
