package dev.localecs.plugins.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * RunTask {@code overrides}: per container command, environment, environment files, cpu, memory and
 * memory reservation; per task cpu, memory and roles.
 */
@Extension(ordinal = 10)
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
        JsonNode overrides = launch.overrides();
        if (overrides.isEmpty()) {
            return List.of();
        }
        Map<String, ComposeService.Builder> services = new LinkedHashMap<>();
        for (JsonNode container : overrides.path("containerOverrides")) {
            String name = container.path("name").asText(null);
            ComposeService existing = name == null ? null : launch.taskFile().services().get(name);
            if (existing == null || existing.labels().containsKey(EcsLabels.PAUSE)) {
                throw EcsException.invalidParameter("Container override names '" + name
                        + "', which is not a container of task definition " + launch.taskDefinition().family() + ".");
            }
            services.put(name, containerOverride(container));
        }
        taskOverride(launch, overrides, services);
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, ComposeService> built = new LinkedHashMap<>();
        services.forEach((name, builder) -> built.put(name, builder.build()));
        return List.of(new ComposeFragment(name(), ComposeProject.ofServices(built), Optional.empty()));
    }

    private static ComposeService.Builder containerOverride(JsonNode container) {
        ComposeService.Builder service = ComposeService.builder();
        if (container.has("command")) {
            service.command(strings(container.get("command")));
        }
        if (container.has("environment")) {
            Map<String, String> environment = new LinkedHashMap<>();
            container.get("environment").forEach(pair -> environment.put(pair.path("name").asText(),
                    pair.path("value").asText("")));
            service.environment(environment);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode file : container.path("environmentFiles")) {
            labels.put(EcsLabels.ENVIRONMENT_FILE_PREFIX + "override." + index++, file.path("value").asText());
        }
        if (!labels.isEmpty()) {
            service.labels(labels);
        }
        if (container.hasNonNull("cpu")) {
            service.cpuShares(Math.max(2, container.get("cpu").asInt()));
        }
        if (container.hasNonNull("memory")) {
            service.memLimit(container.get("memory").asInt() + "m");
        }
        if (container.hasNonNull("memoryReservation")) {
            service.memReservation(container.get("memoryReservation").asInt() + "m");
        }
        return service;
    }

    private static void taskOverride(TaskLaunch launch, JsonNode overrides, Map<String, ComposeService.Builder> services) {
        Map<String, String> roles = new LinkedHashMap<>();
        if (overrides.hasNonNull("taskRoleArn")) {
            roles.put(EcsLabels.TASK_ROLE_ARN, overrides.get("taskRoleArn").asText());
        }
        if (overrides.hasNonNull("executionRoleArn")) {
            roles.put(EcsLabels.EXECUTION_ROLE_ARN, overrides.get("executionRoleArn").asText());
        }
        Double cpus = overrides.hasNonNull("cpu") ? units(overrides.get("cpu").asText(), "cpu") / 1024.0 : null;
        String memory = overrides.hasNonNull("memory") ? units(overrides.get("memory").asText(), "memory") + "m" : null;
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

    private static int units(String text, String member) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw EcsException.invalidParameter("Task override " + member + " must be a number of "
                    + (member.equals("cpu") ? "CPU units" : "MiB") + ", not '" + text + "'.");
        }
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
