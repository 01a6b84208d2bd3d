package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.model.Task;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A task's compose files as written under {@code compose.dest/<project>/}, in merge order (the converted task
 * file, the override files, the effective file last), each with its origin (the header line the composer
 * wrote) and whether it is a copy of a user's drop-in file. The text is shown as written, except values of
 * variables with secret names and endpoint ids (see {@link Redactor}); secret values are never in these files.
 */
final class ComposeFilesView {
    /** {@code KEY: value}, {@code - KEY=value}, {@code "KEY": value} in a compose file. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(\\s*(?:-\\s+)?[\"']?)([A-Za-z_][A-Za-z0-9_.\\-]*)([\"']?(?::\\s+|=))(.+)$");
    private static final String REFERENCE_LABELS = "com.amazonaws.ecs.local.";

    private final Path composeDest;
    private final ObjectMapper json;

    ComposeFilesView(Path composeDest, ObjectMapper json) {
        this.composeDest = composeDest;
        this.json = json;
    }

    JsonNode files(Task task, String taskId) {
        String reference = task.taskDefinitionArn().substring(task.taskDefinitionArn().lastIndexOf('/') + 1);
        String family = reference.substring(0, reference.lastIndexOf(':'));
        Path directory = TaskComposer.projectDirectory(composeDest, TaskConverter.projectName(family, taskId));
        ObjectNode body = json.createObjectNode();
        body.put("directory", directory.toString());
        ArrayNode files = body.putArray("files");
        for (Path file : ordered(directory)) {
            ObjectNode entry = files.addObject();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "# cannot read " + file.getFileName() + ": " + e.getMessage() + "\n";
            }
            String header = text.lines().findFirst().orElse("");
            entry.put("name", file.getFileName().toString());
            entry.put("origin", header.startsWith("# local-ecs-api: ") ? header.substring(header.indexOf(", ") + 2)
                    : "");
            entry.put("dropIn", file.getFileName().toString().startsWith("docker-compose.ecs-local.drop-in."));
            entry.put("effective", file.getFileName().toString().equals(TaskComposer.EFFECTIVE_FILE));
            entry.put("content", redact(text));
        }
        return body;
    }

    /**
     * Redacts a compose file's text line by line, keeping its layout.
     *
     * @param text the file
     * @return the text without secret-named values and endpoint ids
     */
    static String redact(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches() && Redactor.secretName(matcher.group(2))
                    && !matcher.group(2).startsWith(REFERENCE_LABELS)
                    && !matcher.group(4).trim().replaceAll("^[\"']", "").startsWith("arn:")
                    && !matcher.group(4).trim().matches("null|~|\\[]|\\{}|[|>]-?")) {
                out.append(matcher.group(1)).append(matcher.group(2)).append(matcher.group(3))
                        .append(Redactor.REDACTED);
            } else {
                out.append(Redactor.text(line));
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static List<Path> ordered(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.filter(file -> file.getFileName().toString().matches("docker-compose\\.ecs-local\\..+\\.yml"))
                    .forEach(files::add);
        } catch (IOException e) {
            return List.of();
        }
        // built-in overrides in the order they were written (the providers' order); drop-ins by name
        files.sort(Comparator.comparingInt(ComposeFilesView::rank)
                .thenComparingLong(file -> rank(file) == 2 ? 0 : modified(file))
                .thenComparing(Path::toString));
        return files;
    }

    private static int rank(Path file) {
        String name = file.getFileName().toString();
        if (name.equals(TaskComposer.TASK_FILE)) {
            return 0;
        }
        if (name.equals(TaskComposer.EFFECTIVE_FILE)) {
            return 3;
        }
        // drop-in files are applied after the built-in overrides, in name order
        return name.startsWith("docker-compose.ecs-local.drop-in.") ? 2 : 1;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            return 0;
        }
    }
}
