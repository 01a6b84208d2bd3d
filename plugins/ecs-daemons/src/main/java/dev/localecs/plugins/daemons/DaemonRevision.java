package dev.localecs.plugins.daemons;

/**
 * One revision of a daemon: the daemon task definition and the settings a deployment rolls out. Every
 * CreateDaemon and UpdateDaemon makes one.
 *
 * @param arn {@code arn:aws:ecs:<r>:<a>:daemon-revision/<cluster>/<daemon>/<id>}
 * @param daemonTaskDefinitionArn the daemon task definition
 * @param createdAt epoch seconds
 * @param propagateTags {@code DAEMON} or {@code NONE}
 * @param enableECSManagedTags whether the task gets {@code aws:ecs:clusterName} and {@code aws:ecs:daemonName}
 * @param enableExecuteCommand whether ECS Exec is enabled on the task
 * @param critical the {@code critical} flag as given
 */
record DaemonRevision(String arn, String daemonTaskDefinitionArn, double createdAt, String propagateTags,
                      boolean enableECSManagedTags, boolean enableExecuteCommand, boolean critical) {
}
