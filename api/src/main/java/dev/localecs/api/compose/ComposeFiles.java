package dev.localecs.api.compose;

import java.nio.file.Path;

/**
 * Reads compose YAML strictly: an unknown key, malformed YAML or an alias bomb is an error naming the file
 * (and the key), never silently dropped. {@code x-} extension keys are allowed and ignored.
 */
public interface ComposeFiles {

    /**
     * Reads a compose file.
     *
     * @param file the file
     * @return the project it describes
     * @throws dev.localecs.api.error.EcsException {@code ClientException} naming the file and what is wrong
     */
    ComposeProject read(Path file);

    /**
     * Reads compose YAML text.
     *
     * @param yaml the text
     * @param origin what to call it in error messages
     * @return the project it describes
     */
    ComposeProject parse(String yaml, String origin);
}
