package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import java.util.Collection;
import java.util.Locale;
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
}
