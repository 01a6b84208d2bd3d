package dev.localecs.runtime.compose;

import dev.localecs.api.EcsArns;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.EcsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The task-definition corpus in {@code src/test/resources/corpus} and its golden compose files. */
final class Corpus {
    static final String TASK_ID = "0123456789abcdef0123456789abcdef";
    static final Path DIR = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
            .resolve("runtime/src/test/resources/corpus");

    private Corpus() {
    }

    static List<Path> definitions() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TaskDefinition read(Path file) {
        try {
            return EcsJson.create().readValue(file.toFile(), TaskDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path golden(Path definition) {
        String name = definition.getFileName().toString().replace(".json", ".compose.yml");
        return definition.resolveSibling(name);
    }

    /** The golden text: warnings as comments, then the task file. */
    static String convert(Path definition) {
        TaskConverter converter = new TaskConverter(
                new ConverterSettings(ConverterSettings.DEFAULT_PAUSE_IMAGE, Optional.empty()),
                new EcsArns("us-east-1", "123456789012"));
        ConversionResult result = converter.convert(read(definition), TASK_ID, "default");
        StringBuilder text = new StringBuilder("# converted from " + definition.getFileName() + "\n");
        result.warnings().forEach(warning -> text.append("# warning: ").append(warning).append('\n'));
        ComposeProject project = result.project();
        return text + new ComposeYaml().write(new ComposeProject(null, project.services(), project.networks(),
                project.volumes()));
    }
}
