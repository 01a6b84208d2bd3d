package dev.localecs.api;

import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import java.util.List;
import java.util.Optional;

/**
 * The engine's machines as the container instances of every cluster: the local Docker engine is one, a
 * multi-machine engine (Kubernetes) has one per schedulable node. Each has its registration, status (ACTIVE,
 * DRAINING), custom attributes, and the resources that EC2-launch tasks reserve on it. A runtime service, so
 * that RunTask, StartTask, services and the container-instance actions see one truth.
 *
 * <p>Every machine is registered in each cluster until DeregisterContainerInstance; the resources are the
 * machine's, so reservations of tasks of every cluster count against each cluster's instance of it.
 */
public interface ContainerInstances {

    /** The only attribute target type ECS has. */
    String TARGET_TYPE = "container-instance";

    /**
     * A registered (ACTIVE or DRAINING) instance of a cluster as DescribeContainerInstances shows it (without
     * tags and health).
     *
     * @param cluster the cluster name
     * @param reference the instance's ARN or id
     * @return the instance, empty when the reference names none or it is deregistered
     */
    Optional<ContainerInstance> find(String cluster, String reference);

    /**
     * Whether a reference (an instance ARN or id) names an instance of a cluster, registered or not.
     *
     * @param cluster the cluster name
     * @param reference an ARN or a bare id
     * @return whether it names one of the cluster's instances
     */
    boolean names(String cluster, String reference);

    /**
     * Registers (or re-registers) an instance in a cluster: ACTIVE, with the given custom attributes added to
     * those the engine supports.
     *
     * @param cluster the cluster name (an ACTIVE cluster)
     * @param reference the instance to re-register; empty for the first machine not registered in the
     *        cluster (the first machine when all are)
     * @param attributes custom attributes
     * @return the registered instance
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} when the reference names
     *         no instance of the cluster
     */
    ContainerInstance register(String cluster, Optional<String> reference, List<Attribute> attributes);

    /**
     * Deregisters an instance from a cluster.
     *
     * @param cluster the cluster name
     * @param reference the instance's ARN or id
     * @param force whether to deregister while tasks still run on it (they keep running, as on ECS)
     * @return the instance as it is now (INACTIVE)
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} when tasks run and not forced
     */
    ContainerInstance deregister(String cluster, String reference, boolean force);

    /**
     * Sets the status of a registered instance: {@code ACTIVE} or {@code DRAINING} (no new placements).
     *
     * @param cluster the cluster name
     * @param reference the instance's ARN or id
     * @param status the new status
     * @return the instance as it is now
     */
    ContainerInstance updateStatus(String cluster, String reference, String status);

    /**
     * The registered instances of a cluster that a status and a cluster query language expression select, in
     * ARN order.
     *
     * @param cluster the cluster name
     * @param filter a cluster query language expression
     * @param status ACTIVE or DRAINING; empty for both
     * @return the instances
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} for an invalid expression
     */
    List<ContainerInstance> list(String cluster, Optional<String> filter, Optional<String> status);

    /**
     * Adds or replaces custom attributes, each on the instance its {@code targetId} names.
     *
     * @param cluster the cluster name
     * @param attributes attributes whose targets are registered instances of the cluster
     * @return the attributes as stored
     */
    List<Attribute> putAttributes(String cluster, List<Attribute> attributes);

    /**
     * Removes custom attributes, each from the instance its {@code targetId} names.
     *
     * @param cluster the cluster name
     * @param attributes attributes (names) whose targets are registered instances of the cluster
     * @return the attributes removed
     */
    List<Attribute> deleteAttributes(String cluster, List<Attribute> attributes);

    /**
     * Checks a {@code memberOf} placement constraint's expression against the cluster query language.
     *
     * @param expression the expression
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} "The placement constraint
     *         expression '…' is not valid: …" saying what is wrong
     */
    void checkExpression(String expression);

    /**
     * Places tasks on the cluster's ACTIVE instances as ECS does: for each task in turn, the instances with the
     * CPU, memory and ports it needs that meet the constraints, ordered by the strategies; the first one gets it.
     * The check and the launch are atomic against other placements, so two concurrent calls never overbook an
     * instance.
     *
     * @param request what to place
     * @return the tasks launched and the failures, as RunTask and StartTask answer them
     * @throws dev.localecs.api.error.EcsException {@code InvalidParameterException} for an invalid
     *         constraint, or when no instance is registered and ACTIVE
     */
    PlacementResult place(PlacementRequest request);
}
