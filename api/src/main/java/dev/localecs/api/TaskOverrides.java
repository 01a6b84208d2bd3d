package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.ContainerOverride;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks RunTask {@code overrides} against the task definition at the edge, where the request is bound, so
 * everything downstream can rely on them: every container override names a container of the definition, and
 * the task-level cpu and memory are numbers.
 */
public final class TaskOverrides {

    private TaskOverrides() {
    }

    /**
     * Checks the overrides.
     *
     * @param definition the task definition being run
     * @param overrides the overrides
     * @throws EcsException {@code InvalidParameterException} naming what is wrong
     */
    public static void check(TaskDefinition definition, TaskOverride overrides) {
        Set<String> containers = definition.containerDefinitions().stream().map(ContainerDefinition::name)
                .collect(Collectors.toSet());
        if (overrides.containerOverrides() != null) {
            for (ContainerOverride container : overrides.containerOverrides()) {
                if (container == null || container.name() == null || !containers.contains(container.name())) {
                    throw EcsException.invalidParameter("Container override names '"
                            + (container == null ? null : container.name())
                            + "', which is not a container of task definition " + definition.family() + ".");
                }
            }
        }
        number(overrides.cpu(), "cpu", "CPU units");
        number(overrides.memory(), "memory", "MiB");
    }

    private static void number(String value, String member, String unit) {
        if (value == null) {
            return;
        }
        try {
            Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw EcsException.invalidParameter("Task override " + member + " must be a number of " + unit + ", not '"
                    + value + "'.");
        }
    }
}
