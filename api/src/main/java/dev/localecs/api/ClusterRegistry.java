package dev.localecs.api;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Cluster;
import java.util.List;
import java.util.Optional;

/**
 * Clusters, stored durably. The {@code default} cluster exists implicitly, as on ECS, until it is deleted.
 */
public interface ClusterRegistry {

    /** The name of the cluster ECS uses when a request names none. */
    String DEFAULT_CLUSTER = "default";

    /**
     * A cluster by name, whatever its status; the implicit {@code default} cluster when never stored.
     *
     * @param name the cluster name (not an ARN)
     * @return the cluster
     */
    Optional<Cluster> find(String name);

    /**
     * The ACTIVE cluster of a name, as every operation that acts in a cluster needs it.
     *
     * @param name the cluster name (not an ARN; see {@link ClusterRef})
     * @return the cluster
     * @throws EcsException {@code ClusterNotFoundException} "Cluster not found." for an unknown or inactive one
     */
    default Cluster active(String name) {
        return find(name).filter(cluster -> "ACTIVE".equals(cluster.status())).orElseThrow(EcsException::clusterNotFound);
    }

    /**
     * Stores a cluster, creating or replacing it.
     *
     * @param cluster the cluster; its name is the key
     * @return the stored cluster
     */
    Cluster put(Cluster cluster);

    /**
     * Every cluster, including the implicit default, sorted by name.
     *
     * @return the clusters
     */
    List<Cluster> list();
}
