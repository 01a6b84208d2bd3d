package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** ECS's rules for resource tags, shared by every tag registry. */
public final class TagRules {
    /** Most tags a resource may have. */
    public static final int MAX_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagRules() {
    }

    /**
     * Checks a resource's complete set of tags.
     *
     * @param candidate the tags
     * @throws EcsException {@code InvalidParameterException} naming the broken rule
     */
    public static void validate(Collection<Tag> candidate) {
        if (candidate.size() > MAX_TAGS) {
            throw EcsException.invalidParameter("A resource can have at most " + MAX_TAGS + " tags.");
        }
        for (Tag tag : candidate) {
            if (tag == null || tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw EcsException.invalidParameter("Tag keys must be between 1 and 128 characters.");
            }
            String value = tag.value() == null ? "" : tag.value();
            if (value.length() > 256) {
                throw EcsException.invalidParameter("Tag values can be at most 256 characters (key '" + tag.key()
                        + "').");
            }
            if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw EcsException.invalidParameter("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (!ALLOWED.matcher(tag.key()).matches() || !ALLOWED.matcher(value).matches()) {
                throw EcsException.invalidParameter("Tag '" + tag.key() + "' has characters other than letters, "
                        + "numbers, spaces and _ . : / = + - @.");
            }
        }
    }

    /**
     * A resource's tags after TagResource: added keys replace existing ones (a missing value is empty), and the
     * result obeys the rules.
     *
     * @param existing the resource's tags now
     * @param added the tags to add
     * @return the tags to store
     * @throws EcsException {@code InvalidParameterException} naming the broken rule
     */
    public static List<Tag> merge(Collection<Tag> existing, Collection<Tag> added) {
        validate(added);
        Map<String, Tag> byKey = new LinkedHashMap<>();
        existing.forEach(tag -> byKey.put(tag.key(), tag));
        added.forEach(tag -> byKey.put(tag.key(), new Tag(tag.key(), tag.value() == null ? "" : tag.value())));
        validate(byKey.values());
        return List.copyOf(byKey.values());
    }
}
