package dev.localecs.plugins.logs;

import java.util.Map;

/** CloudWatch Logs' tag constraints: at most 50 tags, keys 1–128 and values up to 256 characters. */
final class Tags {
    private Tags() {
    }

    static void validate(Map<String, String> tags) {
        if (tags.size() > 50) {
            throw LogsErrors.constraint("tags", tags.size() + " tags", "have length less than or equal to 50");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getKey().startsWith("aws:")) {
                throw LogsErrors.invalid("Invalid tag key: '" + tag.getKey() + "'.");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw LogsErrors.invalid("Invalid tag value for key '" + tag.getKey() + "'.");
            }
        }
    }

    /** The group a tagging request's {@code resourceArn} names. */
    static String groupOf(String resourceArn) {
        if (resourceArn == null) {
            throw LogsErrors.missing("resourceArn");
        }
        return LogsNames.fromArn(resourceArn).orElseThrow(() -> LogsErrors.invalid(
                "Invalid resource ARN: " + resourceArn + " (a log group ARN is expected)."));
    }
}
