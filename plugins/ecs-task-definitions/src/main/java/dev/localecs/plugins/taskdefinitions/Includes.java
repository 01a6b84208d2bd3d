package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.error.EcsException;
import java.util.List;

/** Validation of the {@code include} member shared by the describe actions. */
final class Includes {
    private Includes() {
    }

    static List<String> parse(List<String> include, List<String> allowed) {
        if (include == null) {
            return List.of();
        }
        for (String value : include) {
            if (!allowed.contains(value)) {
                throw EcsException.invalidParameter("Invalid include value '" + value + "'. Valid values: "
                        + allowed + ".");
            }
        }
        return include;
    }
}
