package dev.localecs.api;

import dev.localecs.api.model.Tag;
import java.util.Collection;
import java.util.List;

/**
 * Tags of every resource, keyed by ARN and stored durably. The registry does not check that the resource
 * exists; the tagging actions do.
 */
public interface TagRegistry {

    /**
     * The tags of a resource.
     *
     * @param arn the resource ARN
     * @return its tags in the order they were first set; empty when none
     */
    List<Tag> tags(String arn);

    /**
     * Checks tags against ECS's rules (at most 50 per resource, keys 1–128 and values 0–256 characters,
     * no {@code aws:} prefix) without storing them.
     *
     * @param tags the tags
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} naming the broken rule
     */
    default void validate(Collection<Tag> tags) {
        TagRules.validate(tags);
    }

    /**
     * Adds or overwrites tags by key, after {@link #validate(Collection)}.
     *
     * @param arn the resource ARN
     * @param tags the tags to set
     */
    void tag(String arn, Collection<Tag> tags);

    /**
     * Removes tags by key; unknown keys are ignored.
     *
     * @param arn the resource ARN
     * @param keys the keys to remove
     */
    void untag(String arn, Collection<String> keys);

    /**
     * Forgets every tag of a resource (when the resource is deleted).
     *
     * @param arn the resource ARN
     */
    void remove(String arn);
}
