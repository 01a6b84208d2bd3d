package dev.localecs.runtime.compose;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.api.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Task definition → compose project on disk: converts, asks every override provider in order for its
 * fragments, merges, and writes the task file, one file per fragment and the effective file into the
 * task's folder.
 */
public final class TaskComposer {
    /** The converted task file's name. */
    public static final String TASK_FILE = "docker-compose.ecs-local.task.yml";
    /** The merged file's name. */
    public static final String EFFECTIVE_FILE = "docker-compose.ecs-local.effective.yml";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskConverter converter;
    private final List<ComposeOverrideProvider> providers;
    private final ComposeMerger merger;
    private final ComposeYaml yaml;

    /**
     * Creates the composer.
     *
     * @param converter the task-definition converter
     * @param providers the override providers (sorted here by their order)
     * @param yaml the compose YAML reader and writer
     */
    public TaskComposer(TaskConverter converter, List<ComposeOverrideProvider> providers, ComposeYaml yaml) {
        this.converter = requireNonNull(converter, "converter is null");
        this.providers = providers.stream().sorted(Comparator.comparingInt(ComposeOverrideProvider::order)).toList();
        this.yaml = requireNonNull(yaml, "yaml is null");
        this.merger = new ComposeMerger(yaml);
    }

    /**
     * The folder of a project under {@code compose.dest}, refusing any name that could leave it.
     *
     * @param composeDest the compose destination
     * @param project the project name
     * @return the folder
     */
    public static Path projectDirectory(Path composeDest, String project) {
        Path root = composeDest.toAbsolutePath().normalize();
        Path dir = root.resolve(project).normalize();
        if (!SAFE_NAME.matcher(project).matches() || !dir.getParent().equals(root)) {
            throw EcsException.invalidParameter("Invalid compose project name '" + project + "'.");
        }
        return dir;
    }

    /**
     * A fresh credential/metadata id: 32 random hex characters.
     *
     * @return the id
     */
    public static String newEndpointId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Composes a task and writes its files.
     *
     * @param definition the task definition
     * @param taskId the task id
     * @param cluster the cluster name
     * @param overrides the RunTask {@code overrides}, checked already
     * @param endpointId the task's credential/metadata id
     * @param directory where to write the files
     * @return what was written
     */
    public ComposedTask compose(TaskDefinition definition, String taskId, String cluster,
                                Optional<TaskOverride> overrides,
                                String endpointId, Path directory) {
        return compose(definition, taskId, cluster, overrides, endpointId, directory, Optional.empty());
    }

    /**
     * Composes a task of a group (a service's task: {@code service:<name>}) and writes its files; override
     * providers see the group.
     *
     * @param definition the task definition
     * @param taskId the task id
     * @param cluster the cluster name
     * @param overrides the RunTask {@code overrides}, checked already
     * @param endpointId the task's credential/metadata id
     * @param directory where to write the files
     * @param group the task's group, when it has one
     * @return what was written
     */
    public ComposedTask compose(TaskDefinition definition, String taskId, String cluster,
                                Optional<TaskOverride> overrides, String endpointId, Path directory,
                                Optional<String> group) {
        ConversionResult converted = converter.convert(definition, taskId, cluster);
        String project = converted.project().name();
        TaskLaunch launch = new TaskLaunch(project, taskId, cluster, definition, overrides, converted.project(),
                endpointId, group);
        List<ComposeProject> layers = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        layers.add(converted.project());
        files.add(write(directory, TASK_FILE, header(definition, "converted from " + definition.taskDefinitionArn()),
                converted.project()));
        for (ComposeOverrideProvider provider : providers) {
            for (ComposeFragment fragment : provider.fragments(launch)) {
                if (!SAFE_NAME.matcher(fragment.name()).matches()) {
                    throw new IllegalStateException("Provider " + provider.name() + " gave an unsafe fragment name "
                            + fragment.name());
                }
                layers.add(fragment.project());
                String origin = fragment.source().map(source -> "copy of " + source)
                        .orElse("override by " + provider.name());
                files.add(write(directory, "docker-compose.ecs-local." + fragment.name() + ".yml",
                        header(definition, origin), fragment.project()));
            }
        }
        ComposeProject merged = merger.merge(layers);
        ComposeProject effective = new ComposeProject(project, merged.services(), merged.networks(), merged.volumes());
        files.add(write(directory, EFFECTIVE_FILE, header(definition, "effective: the files above merged in order"),
                effective));
        return new ComposedTask(project, directory, effective, List.copyOf(files), converted.warnings(), endpointId);
    }

    private Path write(Path directory, String name, String header, ComposeProject project) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        // docker-compose 1.x refuses a top-level name; the folder name is the project name instead
        ComposeProject unnamed = new ComposeProject(null, project.services(), project.networks(), project.volumes());
        AtomicFiles.write(file, (header + yaml.write(unnamed)).getBytes(StandardCharsets.UTF_8), false);
        return file;
    }

    private static String header(TaskDefinition definition, String what) {
        return "# local-ecs-api: " + definition.family() + ":" + definition.revision() + ", " + what + "\n";
    }
}
