package dev.localecs.engine.kubernetes;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * What a task becomes on Kubernetes: one Pod, the claims it mounts and the name of each container.
 *
 * @param pod the Pod (not yet created)
 * @param claims the PersistentVolumeClaims for EFS and shared volumes (created when missing; external ones are
 *        only referenced)
 * @param containers ECS container name → Kubernetes container name
 * @param notes what of the task could not be carried over (logged at the launch, never secret)
 */
public record PodPlan(Pod pod, List<PersistentVolumeClaim> claims, Map<String, String> containers,
                      List<String> notes) {
    /**
     * Copies the collections.
     *
     * @param pod the Pod
     * @param claims the claims
     * @param containers the names
     * @param notes the notes
     */
    public PodPlan {
        claims = List.copyOf(claims);
        containers = Map.copyOf(containers);
        notes = List.copyOf(notes);
    }

    /**
     * The per-container Secret holding the values resolved at the launch (secrets, environment files); its
     * existence is also what lets the kubelet start the container (see {@link PodSpecBuilder}).
     *
     * @param podName the Pod's name
     * @param container the Kubernetes container name
     * @return the Secret's name
     */
    public static String secretName(String podName, String container) {
        return podName + "-" + container;
    }
}
