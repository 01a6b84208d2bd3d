package dev.localecs.api;

import java.util.Optional;

/**
 * A reference to a task as DescribeTasks and StopTask accept it: the bare id or the ARN
 * {@code arn:aws:ecs:<r>:<a>:task/<cluster>/<id>} (or the old {@code task/<id>} form).
 */
public final class TaskRef {

    private TaskRef() {
    }

    /**
     * The task id a reference names within a cluster.
     *
     * @param cluster the cluster the request is about
     * @param reference the id or ARN
     * @return the id; empty when the ARN names another cluster or is not a task ARN
     */
    public static Optional<String> taskId(String cluster, String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (!reference.startsWith("arn:")) {
            return Optional.of(reference);
        }
        return Arn.parse(reference).filter(a -> a.service().equals("ecs") && a.resourceType().equals("task"))
                .map(Arn::resourceId)
                .flatMap(rest -> {
                    int slash = rest.lastIndexOf('/');
                    if (slash < 0) {
                        return Optional.of(rest);
                    }
                    return rest.substring(0, slash).equals(cluster) ? Optional.of(rest.substring(slash + 1))
                            : Optional.empty();
                });
    }
}
