package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.LinuxParameters;
import dev.localecs.api.model.ResourceRequirement;
import dev.localecs.api.model.Volume;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task-definition parameters Fargate does not take (the ECS developer guide's "task definition differences
 * for Fargate"), worded as RegisterTaskDefinition refuses them. A definition that requires FARGATE and breaks
 * one is refused; one that does not require it simply is not FARGATE-compatible.
 */
final class FargateRules {
    private static final String UNSUPPORTED = "Fargate compatible task definitions do not support ";
    private static final Set<String> LOG_DRIVERS = Set.of("awslogs", "splunk", "awsfirelens");
    private static final Set<String> ADDABLE_CAPABILITIES = Set.of("SYS_PTRACE", "CAP_SYS_PTRACE");

    private FargateRules() {
    }

    /**
     * The first Fargate rule the definition breaks.
     *
     * @param request the validated request
     * @return ECS's message for it, empty when the definition is fine for Fargate
     */
    static Optional<String> violation(RegisterTaskDefinitionRequest request) {
        if (request.pidMode() != null && !request.pidMode().equals("task")) {
            return Optional.of("Tasks using the Fargate launch type do not support pidMode '" + request.pidMode()
                    + "'. The supported value for pidMode is 'task'.");
        }
        if (request.ipcMode() != null) {
            return Optional.of(UNSUPPORTED + "ipcMode");
        }
        if (request.placementConstraints() != null && !request.placementConstraints().isEmpty()) {
            return Optional.of(UNSUPPORTED + "constraints");
        }
        for (Volume volume : request.volumesOrEmpty()) {
            if (volume.dockerVolumeConfiguration() != null) {
                return Optional.of(UNSUPPORTED + "dockerVolumeConfiguration");
            }
            if (volume.host() != null && volume.host().sourcePath() != null) {
                return Optional.of(UNSUPPORTED + "sourcePath");
            }
        }
        for (ContainerDefinition container : request.containerDefinitions()) {
            Optional<String> problem = container(container, request.executionRoleArn() != null);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> container(ContainerDefinition c, boolean executionRole) {
        if (Boolean.TRUE.equals(c.privileged())) {
            return Optional.of("Fargate requires that the 'privileged' setting be 'false' at the container level.");
        }
        if (present(c.dockerSecurityOptions())) {
            return Optional.of(UNSUPPORTED + "dockerSecurityOptions");
        }
        for (ResourceRequirement requirement : nonNull(c.resourceRequirements())) {
            if ("GPU".equals(requirement.type())) {
                return Optional.of("Tasks using the Fargate launch type do not support GPU resource requirements.");
            }
        }
        if (c.logConfiguration() != null && c.logConfiguration().logDriver() != null) {
            String driver = c.logConfiguration().logDriver();
            if (!LOG_DRIVERS.contains(driver)) {
                return Optional.of(driver + " is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]");
            }
            if (driver.equals("awslogs") && !executionRole) {
                return Optional.of("Fargate requires task definition to have execution role ARN to support log "
                        + "driver awslogs.");
            }
        }
        return c.linuxParameters() == null ? Optional.empty() : linux(c.linuxParameters());
    }

    private static Optional<String> linux(LinuxParameters linux) {
        if (present(linux.devices())) {
            return Optional.of(UNSUPPORTED + "devices");
        }
        if (linux.sharedMemorySize() != null) {
            return Optional.of(UNSUPPORTED + "sharedMemorySize");
        }
        if (present(linux.tmpfs())) {
            return Optional.of(UNSUPPORTED + "tmpfs");
        }
        if (linux.maxSwap() != null) {
            return Optional.of(UNSUPPORTED + "maxSwap");
        }
        if (linux.swappiness() != null) {
            return Optional.of(UNSUPPORTED + "swappiness");
        }
        if (linux.capabilities() != null) {
            for (String capability : nonNull(linux.capabilities().add())) {
                if (!ADDABLE_CAPABILITIES.contains(capability)) {
                    return Optional.of(capability + " is not allowed on Fargate.");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean present(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
