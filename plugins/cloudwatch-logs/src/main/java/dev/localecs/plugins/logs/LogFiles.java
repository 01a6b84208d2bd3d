package dev.localecs.plugins.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.localecs.api.state.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The on-disk form, under {@code state.dir/logs}: {@code groups.json} (groups, their retention and tags, their
 * streams with the number of their event file), written atomically; {@code events/<n>.jsonl}, one file per
 * stream, one event per line as {@code [timestamp, ingestionTime, seq, message]}, appended to while events arrive
 * in order and rewritten atomically when they do not or when events are dropped. A crash can leave a torn last
 * line, which is skipped at load; event files no group names are removed.
 */
final class LogFiles {
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };
    private final Path dir;
    private final Path events;
    private final ObjectMapper json = new ObjectMapper();

    LogFiles(Path dir) {
        this.dir = dir;
        this.events = dir.resolve("events");
    }

    Path dir() {
        return dir;
    }

    /** What {@code groups.json} holds. */
    record Metadata(List<GroupEntry> groups, long nextFileId, long dropped) {
    }

    /** One group in {@code groups.json}. */
    record GroupEntry(String name, long creationTime, Optional<Integer> retentionInDays, Map<String, String> tags,
                      List<StreamEntry> streams) {
    }

    /** One stream in {@code groups.json}. */
    record StreamEntry(String name, long creationTime, long fileId, long uploadSequence) {
    }

    Optional<Metadata> readMetadata() {
        Path file = dir.resolve("groups.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            List<GroupEntry> groups = new ArrayList<>();
            for (JsonNode group : root.path("groups")) {
                List<StreamEntry> streams = new ArrayList<>();
                for (JsonNode stream : group.path("streams")) {
                    streams.add(new StreamEntry(stream.path("name").asText(), stream.path("creationTime").asLong(),
                            stream.path("fileId").asLong(), stream.path("uploadSequence").asLong()));
                }
                JsonNode retention = group.path("retentionInDays");
                groups.add(new GroupEntry(group.path("name").asText(), group.path("creationTime").asLong(),
                        retention.isInt() ? Optional.of(retention.asInt()) : Optional.empty(),
                        json.convertValue(group.path("tags"), TAGS), streams));
            }
            return Optional.of(new Metadata(groups, root.path("nextFileId").asLong(1), root.path("dropped").asLong()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read " + file + " (the embedded CloudWatch Logs state): "
                    + e.getMessage() + ". Move it away or fix it.", e);
        }
    }

    void writeMetadata(Metadata metadata) {
        var root = json.createObjectNode();
        root.put("nextFileId", metadata.nextFileId());
        root.put("dropped", metadata.dropped());
        ArrayNode groups = root.putArray("groups");
        for (GroupEntry group : metadata.groups()) {
            var node = groups.addObject();
            node.put("name", group.name());
            node.put("creationTime", group.creationTime());
            group.retentionInDays().ifPresent(days -> node.put("retentionInDays", days));
            node.set("tags", json.valueToTree(group.tags()));
            ArrayNode streams = node.putArray("streams");
            for (StreamEntry stream : group.streams()) {
                streams.addObject().put("name", stream.name()).put("creationTime", stream.creationTime())
                        .put("fileId", stream.fileId()).put("uploadSequence", stream.uploadSequence());
            }
        }
        try {
            AtomicFiles.write(dir.resolve("groups.json"), json.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of a stream's file, in file order; a torn last line is skipped. */
    List<LogEvent> readEvents(long fileId) {
        Path file = eventFile(fileId);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<LogEvent> read = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                try {
                    JsonNode line = json.readTree(lines.get(i));
                    read.add(new LogEvent(line.get(0).asLong(), line.get(1).asLong(), line.get(2).asLong(),
                            line.get(3).asText()));
                } catch (IOException | RuntimeException e) {
                    if (i < lines.size() - 1) {
                        throw new IllegalStateException("Cannot read line " + (i + 1) + " of " + file, e);
                    }
                }
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    void writeEvents(long fileId, LogStream.FileChange change) {
        byte[] bytes = lines(change.events());
        Path file = eventFile(fileId);
        try {
            Files.createDirectories(events);
            if (change.replace()) {
                AtomicFiles.write(file, bytes);
            } else {
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the event files of streams that no longer exist. */
    void removeEventFilesExcept(Set<Long> live) {
        if (!Files.isDirectory(events)) {
            return;
        }
        try (Stream<Path> files = Files.list(events)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean known = name.endsWith(".jsonl")
                        && live.contains(parseId(name.substring(0, name.length() - ".jsonl".length())));
                if (!known) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Path eventFile(long fileId) {
        return events.resolve(fileId + ".jsonl");
    }

    private byte[] lines(List<LogEvent> list) {
        StringBuilder text = new StringBuilder();
        for (LogEvent event : list) {
            ArrayNode line = json.createArrayNode().add(event.timestamp()).add(event.ingestionTime()).add(event.seq())
                    .add(event.message());
            text.append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
