package dev.localecs.runtime.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads and writes one JSON document per file under {@code state.dir}, atomically. An unreadable file is
 * noted rather than thrown at once, so that a start names every such file ({@link #requireReadable()})
 * instead of one per attempt.
 */
public final class JsonFileStore {
    private final Path root;
    private final ObjectMapper json;
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    /**
     * Creates a store rooted at a folder (created when missing).
     *
     * @param root the state folder
     * @param json the mapper
     */
    public JsonFileStore(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot create state.dir " + root + ": " + e.getMessage());
        }
    }

    /**
     * The state folder.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * Reads a document. An unreadable file reads as empty and is noted for {@link #requireReadable()}.
     *
     * @param relative the file, relative to the root
     * @param type the document type
     * @param <T> the document type
     * @return the document, or empty when the file does not exist or is unreadable
     */
    public <T> Optional<T> read(Path relative, TypeReference<T> type) {
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            unreadable(file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Parses a document read some other way (a log entry), noting it as unreadable when it does not parse.
     *
     * @param source where the bytes come from, for the message
     * @param content the bytes
     * @param type the document type
     * @param <T> the document type
     * @return the document, or empty when it does not parse
     */
    public <T> Optional<T> parse(String source, byte[] content, TypeReference<T> type) {
        try {
            return Optional.of(json.readValue(content, type));
        } catch (IOException e) {
            unreadable(Path.of(source), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Serialises a document compactly (for a log entry).
     *
     * @param document the document
     * @return its JSON
     */
    public byte[] serialise(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise state", e);
        }
    }

    /**
     * Refuses to go on from a partial state: names every file found unreadable so far, all at once.
     *
     * @throws ConfigurationException when a state file was unreadable
     */
    public void requireReadable() {
        if (unreadable.isEmpty()) {
            return;
        }
        throw new ConfigurationException((unreadable.size() == 1 ? "A state file is" : unreadable.size()
                + " state files are") + " unreadable: " + String.join("; ", unreadable) + ". Move "
                + (unreadable.size() == 1 ? "it" : "them") + " away or fix " + (unreadable.size() == 1 ? "it" : "them")
                + "; state.dir must hold only local-ecs-api's own files.");
    }

    private void unreadable(Path file, String problem) {
        String firstLine = problem == null ? "unreadable" : problem.lines().findFirst().orElse(problem);
        unreadable.add(file + " (" + firstLine + ")");
    }

    /**
     * Writes a document atomically.
     *
     * @param relative the file, relative to the root
     * @param document the document
     */
    public void write(Path relative, Object document) {
        try {
            AtomicFiles.write(root.resolve(relative), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise state " + relative, e);
        }
    }
}
