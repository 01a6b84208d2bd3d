package dev.localecs.runtime.instances;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a cluster query language expression looks at on one container instance.
 *
 * @param attributes the instance's attributes, name to value (an empty value for a value-less attribute)
 * @param ec2InstanceId the EC2 instance id
 * @param agentConnected whether the agent is connected
 * @param agentVersion the agent version
 * @param registeredAt when the instance registered
 * @param runningTasksCount the tasks running on it
 * @param taskGroups the groups of the tasks on it (for {@code task:group})
 */
record QueryTarget(Map<String, String> attributes, String ec2InstanceId, boolean agentConnected, String agentVersion,
                   Instant registeredAt, int runningTasksCount, Set<String> taskGroups) {

    QueryTarget {
        attributes = Map.copyOf(attributes);
        requireNonNull(ec2InstanceId, "ec2InstanceId is null");
        requireNonNull(agentVersion, "agentVersion is null");
        requireNonNull(registeredAt, "registeredAt is null");
        taskGroups = Set.copyOf(taskGroups);
    }
}
