package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeProject;
import java.util.List;

/**
 * A task definition converted to compose.
 *
 * @param project the task file
 * @param warnings fields without local meaning that the definition uses, one line each
 */
public record ConversionResult(ComposeProject project, List<String> warnings) {

    /**
     * Copies the warnings.
     *
     * @param project the project
     * @param warnings the warnings
     */
    public ConversionResult {
        warnings = List.copyOf(warnings);
    }
}
