package dev.localecs.api;

import dev.localecs.api.compose.ComposeFragment;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Contributes override files to a task launch (RunTask overrides, endpoint wiring, external networks, user
 * drop-in files…). Providers run in {@link #order()}; each fragment is written as its own file and merged
 * over the converted task file, in order, by the compose-specification merge rules.
 */
public interface ComposeOverrideProvider extends ExtensionPoint {

    /**
     * The provider's name, used in logs and {@code /health}.
     *
     * @return e.g. {@code run-task-override}
     */
    String name();

    /**
     * Where this provider's fragments go among the others; lower runs first.
     *
     * @return the order, 100 unless overridden
     */
    default int order() {
        return 100;
    }

    /**
     * The fragments for this launch.
     *
     * @param launch the task being launched, with the converted task file
     * @return the fragments in the order they apply; empty when this provider has nothing to add
     */
    List<ComposeFragment> fragments(TaskLaunch launch);
}
