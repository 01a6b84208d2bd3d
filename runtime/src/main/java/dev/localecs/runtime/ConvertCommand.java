package dev.localecs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.TaskOverrides;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.TaskComposer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code local-ecs-api convert}: writes a task's compose files without running anything, from a
 * task-definition file or a definition in the registry (or upstream).
 *
 * @param taskDefFile {@code --task-def-file}: RegisterTaskDefinition input, a TaskDefinition, or
 *                    DescribeTaskDefinition output
 * @param taskDef {@code --task-def}: {@code family[:revision]} or ARN
 * @param overrides {@code --overrides}: a RunTask request (its {@code overrides} and {@code cluster}) or a
 *                  TaskOverride
 * @param output {@code --output}: the folder to write into
 * @param cluster {@code --cluster}
 * @param taskId {@code --task-id}, for reproducible output
 */
record ConvertCommand(Optional<Path> taskDefFile, Optional<String> taskDef, Optional<Path> overrides, Path output,
                      Optional<String> cluster, Optional<String> taskId) {
    static final String USAGE = "Usage: local-ecs-api convert (--task-def-file FILE | --task-def FAMILY[:REV]) "
            + "[--overrides FILE] [--cluster NAME] [--task-id ID] --output DIR";

    static ConvertCommand parse(List<String> args) {
        Optional<Path> file = Optional.empty();
        Optional<String> reference = Optional.empty();
        Optional<Path> overrides = Optional.empty();
        Optional<Path> output = Optional.empty();
        Optional<String> cluster = Optional.empty();
        Optional<String> taskId = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value. " + USAGE);
            }
            String value = args.get(++i);
            switch (name) {
                case "--task-def-file" -> file = Optional.of(Path.of(value));
                case "--task-def" -> reference = Optional.of(value);
                case "--overrides" -> overrides = Optional.of(Path.of(value));
                case "--output" -> output = Optional.of(Path.of(value));
                case "--cluster" -> cluster = Optional.of(value);
                case "--task-id" -> taskId = Optional.of(value);
                case "--config" -> { }
                default -> throw new IllegalArgumentException("Unknown option " + name + ". " + USAGE);
            }
        }
        if (file.isPresent() == reference.isPresent() || output.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        if (taskId.isPresent() && !taskId.get().matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("--task-id must be 32 lower-case hex characters.");
        }
        return new ConvertCommand(file, reference, overrides, output.get(), cluster, taskId);
    }

    ComposedTask run(RuntimeCore core, PrintStream out) throws IOException {
        ObjectMapper json = core.context().json();
        TaskDefinition definition = taskDefFile.isPresent() ? readDefinition(json, taskDefFile.get())
                : core.context().taskDefinitions().resolve(taskDef.orElseThrow())
                        .orElseThrow(() -> EcsException.client("Unable to describe task definition " + taskDef.get()
                                + ": not in the registry" + " and not upstream."));
        Optional<TaskOverride> taskOverride = Optional.empty();
        String clusterName = cluster.orElse(ClusterRegistry.DEFAULT_CLUSTER);
        if (overrides.isPresent()) {
            JsonNode request = json.readTree(overrides.get().toFile());
            TaskOverride parsed = json.treeToValue(request.has("overrides") ? request.get("overrides") : request,
                    TaskOverride.class);
            TaskOverrides.check(definition, parsed);
            taskOverride = Optional.of(parsed);
            if (cluster.isEmpty() && request.hasNonNull("cluster")) {
                clusterName = request.get("cluster").asText();
            }
        }
        String id = taskId.orElseGet(TaskComposer::newEndpointId);
        ComposedTask task = core.composer().compose(definition, id, clusterName.replaceAll(".*/", ""), taskOverride,
                TaskComposer.newEndpointId(), output);
        out.println("Compose project " + task.project() + " written to " + task.directory() + ":");
        task.files().forEach(file -> out.println("  " + file.getFileName()));
        task.warnings().forEach(warning -> out.println("warning: " + warning));
        return task;
    }

    private static TaskDefinition readDefinition(ObjectMapper json, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw EcsException.client("Task definition file " + file + " does not exist.");
        }
        JsonNode root = json.readTree(file.toFile());
        JsonNode node = root.has("taskDefinition") ? root.get("taskDefinition") : root;
        if (!node.isObject() || !node.hasNonNull("family") || !node.has("containerDefinitions")) {
            throw EcsException.client("Task definition file " + file
                    + " needs 'family' and 'containerDefinitions'.");
        }
        ObjectNode definition = ((ObjectNode) node).deepCopy();
        if (!definition.hasNonNull("revision")) {
            definition.put("revision", 1);
        }
        return json.treeToValue(definition, TaskDefinition.class);
    }
}
