package dev.localecs.plugins.overrides;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.model.ContainerOverride;
import dev.localecs.api.model.EnvironmentFile;
import dev.localecs.api.model.TaskOverride;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * RunTask {@code overrides}: per container command, environment, environment files, cpu, memory and
 * memory reservation; per task cpu, memory and roles.
 */
@Extension
public final class RunTaskOverrideProvider implements ComposeOverrideProvider {

    @Override
    public String name() {
        return "run-task-override";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ComposeFragment> fragments(TaskLaunch launch) {
        if (launch.overrides().isEmpty()) {
            return List.of();
        }
        TaskOverride overrides = launch.overrides().get();
        Map<String, ComposeService.Builder> services = new LinkedHashMap<>();
        if (overrides.containerOverrides() != null) {
            // names were checked against the definition where RunTask was bound (TaskOverrides)
            overrides.containerOverrides().forEach(c -> services.put(c.name(), containerOverride(c)));
        }
        taskOverride(launch, overrides, services);
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, ComposeService> built = new LinkedHashMap<>();
        services.forEach((name, builder) -> built.put(name, builder.build()));
        return List.of(new ComposeFragment(name(), ComposeProject.ofServices(built), Optional.empty()));
    }

    private static ComposeService.Builder containerOverride(ContainerOverride container) {
        ComposeService.Builder service = ComposeService.builder();
        if (container.command() != null) {
            service.command(container.command());
        }
        if (container.environment() != null) {
            Map<String, String> environment = new LinkedHashMap<>();
            container.environment().forEach(pair -> environment.put(pair.name(),
                    pair.value() == null ? "" : pair.value()));
            service.environment(environment);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (container.environmentFiles() != null) {
            int index = 0;
            for (EnvironmentFile file : container.environmentFiles()) {
                labels.put(EcsLabels.ENVIRONMENT_FILE_PREFIX + "override." + index++, file.value());
            }
        }
        if (!labels.isEmpty()) {
            service.labels(labels);
        }
        if (container.cpu() != null) {
            service.cpuShares(Math.max(2, container.cpu()));
        }
        if (container.memory() != null) {
            service.memLimit(container.memory() + "m");
        }
        if (container.memoryReservation() != null) {
            service.memReservation(container.memoryReservation() + "m");
        }
        return service;
    }

    private static void taskOverride(TaskLaunch launch, TaskOverride overrides,
                                     Map<String, ComposeService.Builder> services) {
        Map<String, String> roles = new LinkedHashMap<>();
        if (overrides.taskRoleArn() != null) {
            roles.put(EcsLabels.TASK_ROLE_ARN, overrides.taskRoleArn());
        }
        if (overrides.executionRoleArn() != null) {
            roles.put(EcsLabels.EXECUTION_ROLE_ARN, overrides.executionRoleArn());
        }
        Double cpus = overrides.cpu() != null ? Integer.parseInt(overrides.cpu().trim()) / 1024.0 : null;
        String memory = overrides.memory() != null ? Integer.parseInt(overrides.memory().trim()) + "m" : null;
        if (roles.isEmpty() && cpus == null && memory == null) {
            return;
        }
        launch.taskFile().services().forEach((name, existing) -> {
            ComposeService.Builder service = services.computeIfAbsent(name, n -> ComposeService.builder());
            if (!roles.isEmpty()) {
                Map<String, String> labels = new LinkedHashMap<>(roles);
                ComposeService partial = service.build();
                if (partial.labels() != null) {
                    labels.putAll(partial.labels());
                }
                service.labels(labels);
            }
            if (existing.labels().containsKey(EcsLabels.PAUSE)) {
                return;
            }
            if (cpus != null) {
                service.cpus(cpus);
            }
            boolean ownMemory = launch.taskDefinition().containerDefinitions().stream()
                    .anyMatch(c -> c.name().equals(name) && c.memory() != null);
            if (memory != null && !ownMemory && service.build().memLimit() == null) {
                service.memLimit(memory);
            }
        });
    }
}
