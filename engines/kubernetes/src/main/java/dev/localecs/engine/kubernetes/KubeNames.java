package dev.localecs.engine.kubernetes;

import java.util.Locale;

/** Kubernetes names and label values made from ECS names (DNS labels: lower case, digits, hyphens, 63 at most). */
final class KubeNames {
    /** Marks everything the engine makes. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    static final String MANAGER = "local-ecs-api";
    static final String PREFIX = "ecs.local-ecs-api.dev/";
    static final String TASK_ID = PREFIX + "task-id";
    static final String CLUSTER = PREFIX + "cluster";
    static final String FAMILY = PREFIX + "family";
    static final String REVISION = PREFIX + "revision";
    /** The task's group (hashed with its cluster: label values cannot hold {@code service:web}). */
    static final String GROUP = PREFIX + "group";
    /** Annotation: the task ARN (label values cannot hold it). */
    static final String TASK_ARN = PREFIX + "task-arn";
    /** Annotation: the compose project (the task's name on the engine). */
    static final String PROJECT = PREFIX + "project";
    /** Annotation prefix: the ECS name of each container, under its Kubernetes name. */
    static final String CONTAINER = PREFIX + "container.";
    /** Annotation: the awsvpc pause service's name (the Pod's sandbox stands for it). */
    static final String PAUSE = PREFIX + "pause";
    /** Annotation: the essential containers' ECS names, comma separated. */
    static final String ESSENTIAL = PREFIX + "essential";

    private KubeNames() {
    }

    /**
     * A DNS label (RFC 1123) from any name.
     *
     * @param name the name
     * @return lower case, other characters as hyphens, trimmed to 63
     */
    static String label(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
        if (lower.length() > 63) {
            lower = lower.substring(0, 63);
        }
        lower = lower.replaceAll("^-+|-+$", "");
        return lower.isEmpty() ? "x" : lower;
    }

    /**
     * A label value from any text: letters, digits, {@code -_.}, 63 at most, alphanumeric at both ends.
     *
     * @param text the text
     * @return the value
     */
    static String labelValue(String text) {
        String value = text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (value.length() > 63) {
            value = value.substring(0, 63);
        }
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /**
     * A label value standing for any text without colliding with another: the text as a label value (shortened)
     * and a hash of the whole text.
     *
     * @param text the text ({@code default/service:web})
     * @return the value ({@code default_service_web-0f3a9c21b4})
     */
    static String hashedLabelValue(String text) {
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        String readable = labelValue(text);
        readable = readable.substring(0, Math.min(readable.length(), 52)).replaceAll("[^A-Za-z0-9]+$", "");
        return readable.isEmpty() ? hash : readable + "-" + hash;
    }

    /**
     * The task id: the ARN's last segment.
     *
     * @param taskArn the task ARN
     * @return the id
     */
    static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
