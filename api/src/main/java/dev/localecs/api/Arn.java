package dev.localecs.api;

import java.util.Optional;

/**
 * A parsed Amazon Resource Name: {@code arn:<partition>:<service>:<region>:<account>:<resource>}, the
 * resource split at its first {@code /} into type and id.
 *
 * @param partition e.g. {@code aws}
 * @param service e.g. {@code ecs}
 * @param region the region (may be empty, as for IAM)
 * @param accountId the account (may be empty)
 * @param resourceType the part before the first {@code /} of the resource, e.g. {@code cluster}
 * @param resourceId the rest, e.g. {@code default} or {@code web:3}; empty when the resource has no {@code /}
 */
public record Arn(String partition, String service, String region, String accountId, String resourceType,
                  String resourceId) {

    /**
     * Parses an ARN.
     *
     * @param text the candidate
     * @return the ARN, or empty when {@code text} is not ARN-shaped
     */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        String resource = parts[5];
        int slash = resource.indexOf('/');
        String type = slash < 0 ? resource : resource.substring(0, slash);
        String id = slash < 0 ? "" : resource.substring(slash + 1);
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], type, id));
    }
}
