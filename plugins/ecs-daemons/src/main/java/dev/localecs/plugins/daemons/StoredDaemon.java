package dev.localecs.plugins.daemons;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A daemon as the plugin keeps it ({@code state.dir/daemons/daemons/<cluster>/<name>.json}).
 *
 * @param daemonArn {@code arn:aws:ecs:<r>:<a>:daemon/<cluster>/<name>}
 * @param daemonName the name
 * @param cluster the cluster name
 * @param status {@code ACTIVE} or {@code DELETE_IN_PROGRESS}
 * @param capacityProviderArns the capacity providers as given
 * @param clientToken the CreateDaemon client token, or null
 * @param createdAt epoch seconds
 * @param updatedAt epoch seconds
 * @param revisions newest first; the first is the one the daemon runs
 * @param deployments newest first
 */
record StoredDaemon(String daemonArn, String daemonName, String cluster, String status,
                    List<String> capacityProviderArns, String clientToken, double createdAt, double updatedAt,
                    List<DaemonRevision> revisions, List<DaemonDeployment> deployments) {

    /** ECS keeps a daemon's history bounded; so does the emulator (oldest dropped first). */
    static final int MAX_HISTORY = 50;

    StoredDaemon {
        capacityProviderArns = List.copyOf(capacityProviderArns);
        revisions = List.copyOf(revisions);
        deployments = List.copyOf(deployments);
    }

    /** The key of the store: {@code <cluster>/<name>}. */
    String key() {
        return cluster + "/" + daemonName;
    }

    DaemonRevision currentRevision() {
        return revisions.getFirst();
    }

    DaemonDeployment latestDeployment() {
        return deployments.getFirst();
    }

    Optional<DaemonRevision> revision(String arn) {
        return revisions.stream().filter(revision -> revision.arn().equals(arn)).findFirst();
    }

    Optional<DaemonDeployment> deployment(String arnOrId) {
        return deployments.stream().filter(d -> d.arn().equals(arnOrId) || d.id().equals(arnOrId)).findFirst();
    }

    /** The revision a task of this daemon runs, from the deployment that started it. */
    Optional<String> revisionOfTask(String startedBy) {
        return deployment(startedBy).map(DaemonDeployment::targetRevisionArn);
    }

    StoredDaemon withDeployment(DaemonDeployment changed) {
        List<DaemonDeployment> list = new ArrayList<>(deployments);
        list.replaceAll(d -> d.id().equals(changed.id()) ? changed : d);
        return new StoredDaemon(daemonArn, daemonName, cluster, status, capacityProviderArns, clientToken, createdAt,
                updatedAt, revisions, list);
    }

    /** This daemon rolling to a new revision with a new deployment (UpdateDaemon). */
    StoredDaemon rolling(DaemonRevision revision, DaemonDeployment deployment, List<String> providers, double now) {
        List<DaemonRevision> newRevisions = new ArrayList<>();
        newRevisions.add(revision);
        revisions.stream().limit(MAX_HISTORY - 1).forEach(newRevisions::add);
        return new StoredDaemon(daemonArn, daemonName, cluster, status, providers, clientToken, createdAt, now,
                newRevisions, prepend(deployment));
    }

    /** This daemon being deleted, with the deployment that stops its tasks (DeleteDaemon). */
    StoredDaemon deleting(DaemonDeployment deployment, double now) {
        return new StoredDaemon(daemonArn, daemonName, cluster, "DELETE_IN_PROGRESS", capacityProviderArns,
                clientToken, createdAt, now, revisions, prepend(deployment));
    }

    private List<DaemonDeployment> prepend(DaemonDeployment deployment) {
        List<DaemonDeployment> list = new ArrayList<>();
        list.add(deployment);
        deployments.stream().limit(MAX_HISTORY - 1).forEach(list::add);
        return list;
    }
}
