package dev.localecs.api;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a cluster as ECS requests give it: a name, the ARN {@code arn:aws:ecs:<r>:<a>:cluster/<name>},
 * or nothing for the {@code default} cluster.
 *
 * @param name the cluster name
 */
public record ClusterRef(String name) {

    /**
     * Validates the name.
     *
     * @param name the cluster name
     */
    public ClusterRef {
        requireNonNull(name, "name is null");
    }

    /**
     * Parses a reference; an ARN of something other than a cluster names no cluster (empty name, which no
     * cluster has, so looking it up answers ClusterNotFoundException as ECS does).
     *
     * @param reference the text from the request, possibly null or empty
     * @return the reference
     */
    public static ClusterRef parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            return new ClusterRef(ClusterRegistry.DEFAULT_CLUSTER);
        }
        if (reference.startsWith("arn:")) {
            return new ClusterRef(Arn.parse(reference).filter(a -> a.service().equals("ecs")
                    && a.resourceType().equals("cluster")).map(Arn::resourceId).orElse(""));
        }
        return new ClusterRef(reference);
    }
}
