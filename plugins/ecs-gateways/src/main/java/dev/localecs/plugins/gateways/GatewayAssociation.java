package dev.localecs.plugins.gateways;

/**
 * A gateway's association with a cluster.
 *
 * @param cluster the cluster name
 * @param status {@code ACTIVE} or {@code INACTIVE} (after DisassociateGatewayFromCluster)
 * @param updatedAt epoch seconds of the last change
 */
record GatewayAssociation(String cluster, String status, double updatedAt) {
}
