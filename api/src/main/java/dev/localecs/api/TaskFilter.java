package dev.localecs.api;

import java.util.Optional;

/**
 * What ListTasks asks for.
 *
 * @param cluster the cluster name
 * @param family only tasks of this family
 * @param startedBy only tasks started by this
 * @param desiredStatus {@code RUNNING} or {@code STOPPED}
 * @param launchType only tasks of this launch type
 * @param serviceName only tasks of this service (group {@code service:<name>})
 */
public record TaskFilter(String cluster, Optional<String> family, Optional<String> startedBy, String desiredStatus,
                         Optional<String> launchType, Optional<String> serviceName) {
}
