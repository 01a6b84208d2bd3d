package dev.localecs.runtime.tasks;

import dev.localecs.api.EcsArns;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.LaunchHints;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Builds the record of a new task from its launch and its effective compose project. */
final class TaskRecords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskRecords() {
    }

    /** A new task id: 32 lowercase hex characters, as ECS's. */
    static String newTaskId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    static TaskRecord create(EcsArns arns, RunTaskSpec spec, TaskOverride overrides, String taskId, ComposedTask compose,
                             Instant createdAt, Consumer<TaskRecord> changed) {
        TaskRecord record = new TaskRecord(taskId, arns.task(spec.cluster(), taskId), arns.cluster(spec.cluster()),
                spec, overrides, compose.project(), compose.endpointId(), createdAt, changed);
        for (ContainerDefinition c : spec.taskDefinition().containerDefinitions()) {
            ComposeService service = compose.effective().services().get(c.name());
            ContainerState state = new ContainerState(c.name(), arns.container(spec.cluster(), taskId,
                    UUID.randomUUID().toString()), c.essential() == null || c.essential(),
                    service.image() != null ? service.image() : c.image());
            state.cpu = String.valueOf(service.cpuShares() == null ? (c.cpu() == null ? 0 : c.cpu())
                    : service.cpuShares());
            state.memory = c.memory() == null ? null : String.valueOf(c.memory());
            state.memoryReservation = c.memoryReservation() == null ? null : String.valueOf(c.memoryReservation());
            state.hasHealthCheck = service.healthcheck() != null;
            state.stopTimeout = service.stopGracePeriod() == null ? 30
                    : (int) Duration.parse("PT" + service.stopGracePeriod().toUpperCase(Locale.ROOT)).toSeconds();
            record.containers.put(c.name(), state);
        }
        record.pauseService = compose.effective().services().entrySet().stream()
                .filter(e -> LaunchHints.of(e.getValue()).pause())
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (record.awsvpc()) {
            record.attachmentId = UUID.randomUUID().toString();
            record.networkInterfaceId = "eni-" + HexFormat.of().formatHex(randomBytes(9)).substring(0, 17);
        }
        return record;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
