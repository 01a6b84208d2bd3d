package dev.localecs.runtime.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes one JSON document per file under {@code state.dir}, atomically.
 */
public final class JsonFileStore {
    private final Path root;
    private final ObjectMapper json;

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
     * Reads a document.
     *
     * @param relative the file, relative to the root
     * @param type the document type
     * @param <T> the document type
     * @return the document, or empty when the file does not exist
     */
    public <T> Optional<T> read(Path relative, TypeReference<T> type) {
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new ConfigurationException("State file " + file + " is unreadable: " + e.getMessage()
                    + ". Move it away or fix it; state.dir must hold only local-ecs-api's own files.");
        }
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
