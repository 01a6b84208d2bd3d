package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.Arn;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.model.TaskDefinition;
import java.util.Optional;

/**
 * A reference that must name one revision ({@code family:revision} or the task-definition ARN), as
 * DeregisterTaskDefinition and DeleteTaskDefinitions read it: the shapes ECS tells apart each have their own
 * outcome, so each action can answer with ECS's words.
 */
sealed interface RevisionReference {

    /** A well-formed reference to one revision. */
    record Exact(String family, int revision) implements RevisionReference {
        Optional<TaskDefinition> find(PluginContext context) {
            return context.taskDefinitions().find(family, revision);
        }
    }

    /** A family (or ARN) without {@code :revision}. */
    record MissingRevision() implements RevisionReference {
    }

    /**
     * A revision that is not a positive number.
     *
     * @param number the text after the last {@code :}
     */
    record InvalidNumber(String number) implements RevisionReference {
    }

    /** Neither a family nor a task-definition ARN. */
    record Malformed() implements RevisionReference {
    }

    static RevisionReference parse(String reference) {
        String text = reference;
        if (text.startsWith("arn:")) {
            Optional<Arn> arn = Arn.parse(text);
            if (arn.isEmpty() || !arn.get().service().equals("ecs")
                    || !arn.get().resourceType().equals("task-definition")) {
                return new Malformed();
            }
            text = arn.get().resourceId();
        }
        int colon = text.lastIndexOf(':');
        String family = colon < 0 ? text : text.substring(0, colon);
        if (!TaskDefinitionRef.NAME.matcher(family).matches()) {
            return new Malformed();
        }
        if (colon < 0) {
            return new MissingRevision();
        }
        String number = text.substring(colon + 1);
        try {
            int revision = Integer.parseInt(number);
            return revision < 1 ? new InvalidNumber(number) : new Exact(family, revision);
        } catch (NumberFormatException e) {
            return new InvalidNumber(number);
        }
    }
}
