package dev.localecs.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Contributes one compose override file to a task launch (RunTask overrides, endpoint wiring, external
 * networks, user drop-in files…). Providers run in {@link #order()} and their fragments are merged over the
 * converted task file by the compose-specification merge rules.
 */
public interface ComposeOverrideProvider extends ExtensionPoint {

    /**
     * The provider's name; its file is {@code docker-compose.ecs-local.<name>.yml}.
     *
     * @return e.g. {@code run-task-override}
     */
    String name();

    /**
     * Where this provider's fragment goes among the others; lower runs first.
     *
     * @return the order, 100 unless overridden
     */
    default int order() {
        return 100;
    }

    /**
     * The compose fragment for this launch, as a JSON tree of the compose YAML.
     *
     * @param launch the task being launched
     * @return the fragment, or empty when this provider has nothing to add
     */
    Optional<ObjectNode> override(TaskLaunch launch);
}
