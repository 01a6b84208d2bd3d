package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.model.TaskDefinition;
import java.util.Optional;

/** Looks up one exact revision ({@code family:revision} or ARN) in the local registry. */
final class Revisions {
    private Revisions() {
    }

    /** Whether the reference names a revision explicitly. */
    static boolean explicit(String reference) {
        return TaskDefinitionRef.parse(reference).map(ref -> ref.revision().isPresent()).orElse(false);
    }

    static Optional<TaskDefinition> find(PluginContext context, String reference) {
        return TaskDefinitionRef.parse(reference)
                .filter(ref -> ref.revision().isPresent())
                .flatMap(ref -> context.taskDefinitions().find(ref.family(), ref.revision().getAsInt()));
    }
}
