package dev.localecs.api.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.ConfigView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A plugin's folder under {@code state.dir}: JSON documents written atomically and durably
 * ({@link AtomicFiles}) and read back at start. A file that cannot be read stops the read with its path named.
 */
public final class StateFolder {
    private final Path root;
    private final ObjectMapper json;
    private final String what;

    /**
     * A folder.
     *
     * @param root the folder
     * @param json the mapper documents are written and read with
     * @param what what its files hold, for messages ("service", "gateway")
     */
    public StateFolder(Path root, ObjectMapper json, String what) {
        this.root = root;
        this.json = json;
        this.what = what;
    }

    /**
     * The folder {@code state.dir/<name>} when {@code state.dir} is configured.
     *
     * @param config the configuration
     * @param name the folder's name under {@code state.dir}
     * @param json the mapper
     * @param what what its files hold, for messages
     * @return the folder, or empty when state is kept in memory only
     */
    public static Optional<StateFolder> of(ConfigView config, String name, ObjectMapper json, String what) {
        return config.get("state.dir").map(StateFolder::stateDir).map(dir -> new StateFolder(dir.resolve(name), json,
                what));
    }

    /**
     * {@code state.dir} as the runtime resolves it: {@code ~} is the user's home folder, a relative path is relative
     * to the installation ({@code local-ecs.home}, else the working folder).
     *
     * @param value the configured value
     * @return the absolute folder
     */
    public static Path stateDir(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return Path.of(System.getProperty("local-ecs.home", ".")).toAbsolutePath().resolve(expanded).normalize();
    }

    /**
     * The folder.
     *
     * @return its path
     */
    public Path root() {
        return root;
    }

    /**
     * Replaces one document.
     *
     * @param relative the file, relative to the folder
     * @param value what to write as JSON
     */
    public void write(Path relative, Object value) {
        byte[] content;
        try {
            content = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the " + what + " state file " + root.resolve(relative), e);
        }
        AtomicFiles.write(root.resolve(relative), content);
    }

    /**
     * Removes one document (nothing happens when it is missing).
     *
     * @param relative the file, relative to the folder
     */
    public void delete(Path relative) {
        try {
            Files.deleteIfExists(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the " + what + " state file " + root.resolve(relative), e);
        }
    }

    /**
     * Reads every {@code .json} document in a subfolder and the folders below it, up to a depth, in path order.
     *
     * @param subfolder the subfolder ({@code ""} for the folder itself)
     * @param depth how deep below it documents lie (1: directly in it)
     * @param type what each document is
     * @param <T> that type
     * @return the documents; none when the subfolder does not exist
     * @throws UncheckedIOException naming the file that cannot be read
     */
    public <T> List<T> readAll(String subfolder, int depth, Class<T> type) {
        Path folder = root.resolve(subfolder);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            files = walk.filter(path -> path.getFileName().toString().endsWith(".json") && Files.isRegularFile(path))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
        List<T> documents = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                documents.add(json.readValue(file.toFile(), type));
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable " + what + " state file " + file + ": " + e.getMessage(), e);
            }
        }
        return documents;
    }
}
