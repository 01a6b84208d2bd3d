package dev.localecs.api.compose;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One override file a provider contributes to a task launch.
 *
 * @param name the file's name part: the file is {@code docker-compose.ecs-local.<name>.yml}
 * @param project the fragment, merged over what came before it
 * @param source the user file it was read from, for drop-in files
 */
public record ComposeFragment(String name, ComposeProject project, Optional<Path> source) {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param project the fragment
     * @param source the source file
     */
    public ComposeFragment {
        requireNonNull(name, "name is null");
        requireNonNull(project, "project is null");
        requireNonNull(source, "source is null");
    }
}
