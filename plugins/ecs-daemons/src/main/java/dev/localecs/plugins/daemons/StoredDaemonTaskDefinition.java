package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A daemon task definition as the plugin keeps it ({@code state.dir/daemons/definitions/<family>/<revision>.json}).
 *
 * @param daemonTaskDefinitionArn {@code arn:aws:ecs:<r>:<a>:daemon-task-definition/<family>:<revision>}
 * @param family the family
 * @param revision the revision, counting up per family from 1
 * @param status {@code ACTIVE}, {@code DELETE_IN_PROGRESS} or {@code DELETED}
 * @param registeredAt epoch seconds
 * @param deleteRequestedAt epoch seconds, or null
 * @param members the registered members (containers, volumes, roles, size, pid and ipc modes) as given
 */
record StoredDaemonTaskDefinition(String daemonTaskDefinitionArn, String family, int revision, String status,
                                  double registeredAt, Double deleteRequestedAt, ObjectNode members) {

    StoredDaemonTaskDefinition withStatus(String newStatus, Double newDeleteRequestedAt) {
        return new StoredDaemonTaskDefinition(daemonTaskDefinitionArn, family, revision, newStatus, registeredAt,
                newDeleteRequestedAt, members);
    }
}
