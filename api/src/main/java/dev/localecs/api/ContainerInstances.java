package dev.localecs.api;

import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import java.util.List;
import java.util.Optional;

/**
 * The local Docker engine as the container instance of every cluster: its registration, status (ACTIVE,
 * DRAINING), custom attributes, and the resources that EC2-launch tasks reserve on it. A runtime service, so
 * that RunTask, StartTask, services and the container-instance actions see one truth.
 *
 * <p>Each cluster has its instance registered until DeregisterContainerInstance; the resources are the one
 * machine's, so reservations of tasks of every cluster count against each cluster's instance.
 */
public interface ContainerInstances {

    /** The only attribute target type ECS has. */
    String TARGET_TYPE = "container-instance";

    /**
     * The local instance of a cluster as DescribeContainerInstances shows it (without tags and health).
     *
     * @param cluster the cluster name
     * @return the instance, empty once deregistered
     */
    Optional<ContainerInstance> find(String cluster);

    /**
     * Whether a reference (the instance ARN or its id) names the local instance of a cluster.
     *
     * @param cluster the cluster name
     * @param reference an ARN or a bare id
     * @return whether it is the local instance
     */
    default boolean isLocal(String cluster, String reference) {
        String id = reference.substring(reference.lastIndexOf('/') + 1);
        return id.equals(EcsArns.containerInstanceId(cluster))
                && (!reference.startsWith("arn:") || reference.contains(":container-instance/" + cluster + "/")
                || reference.endsWith(":container-instance/" + id));
    }

    /**
     * Registers (or re-registers) the local instance in a cluster: ACTIVE, with the given custom attributes
     * added to those the engine supports.
     *
     * @param cluster the cluster name (an ACTIVE cluster)
     * @param attributes custom attributes
     * @return the registered instance
     */
    ContainerInstance register(String cluster, List<Attribute> attributes);

    /**
     * Deregisters the local instance from a cluster.
     *
     * @param cluster the cluster name
     * @param force whether to deregister while tasks still run on it (they keep running, as on ECS)
     * @return the instance as it is now (INACTIVE)
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} when tasks run and not forced
     */
    ContainerInstance deregister(String cluster, boolean force);

    /**
     * Sets the status of the local instance: {@code ACTIVE} or {@code DRAINING} (no new placements).
     *
     * @param cluster the cluster name
     * @param status the new status
     * @return the instance as it is now
     */
    ContainerInstance updateStatus(String cluster, String status);

    /**
     * The registered instances of a cluster that a status and a cluster query language expression select.
     *
     * @param cluster the cluster name
     * @param filter a cluster query language expression
     * @param status ACTIVE or DRAINING; empty for both
     * @return the instances
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} for an invalid expression
     */
    List<ContainerInstance> list(String cluster, Optional<String> filter, Optional<String> status);

    /**
     * Adds or replaces custom attributes on the local instance.
     *
     * @param cluster the cluster name
     * @param attributes attributes whose target is the local instance
     * @return the attributes as stored
     */
    List<Attribute> putAttributes(String cluster, List<Attribute> attributes);

    /**
     * Removes custom attributes from the local instance.
     *
     * @param cluster the cluster name
     * @param attributes attributes (names) whose target is the local instance
     * @return the attributes removed
     */
    List<Attribute> deleteAttributes(String cluster, List<Attribute> attributes);

    /**
     * Places tasks on the local instance: checks status, CPU, memory, ports and the constraints for each
     * task in turn and launches those that fit; the check and the launch are atomic against other
     * placements, so two concurrent calls never overbook the instance.
     *
     * @param request what to place
     * @return the tasks launched and the failures, as RunTask and StartTask answer them
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} for an invalid
     *         constraint, or when no instance is registered and ACTIVE
     */
    PlacementResult place(PlacementRequest request);
}
