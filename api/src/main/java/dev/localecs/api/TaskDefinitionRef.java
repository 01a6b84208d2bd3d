package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A reference to a task definition as ECS accepts it: {@code family}, {@code family:revision} or the full
 * ARN {@code arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>}.
 *
 * @param family the family
 * @param revision the revision, empty for "the latest ACTIVE revision"
 */
public record TaskDefinitionRef(String family, OptionalInt revision) {

    /** What ECS allows as a family (and container) name. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    /**
     * Validates the components.
     *
     * @param family the family
     * @param revision the revision
     */
    public TaskDefinitionRef {
        requireNonNull(family, "family is null");
        requireNonNull(revision, "revision is null");
    }

    /**
     * Parses a reference.
     *
     * @param reference the text from the request
     * @return the reference, or empty when it is not of a valid shape
     */
    public static Optional<TaskDefinitionRef> parse(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        String text = reference;
        if (text.startsWith("arn:")) {
            Optional<Arn> arn = Arn.parse(text);
            if (arn.isEmpty() || !arn.get().service().equals("ecs")
                    || !arn.get().resourceType().equals("task-definition") || !arn.get().resourceId().contains(":")) {
                return Optional.empty();
            }
            text = arn.get().resourceId();
        }
        int colon = text.lastIndexOf(':');
        String family = colon < 0 ? text : text.substring(0, colon);
        if (!NAME.matcher(family).matches()) {
            return Optional.empty();
        }
        if (colon < 0) {
            return Optional.of(new TaskDefinitionRef(family, OptionalInt.empty()));
        }
        try {
            int revision = Integer.parseInt(text.substring(colon + 1));
            return revision < 1 ? Optional.empty() : Optional.of(new TaskDefinitionRef(family, OptionalInt.of(revision)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
