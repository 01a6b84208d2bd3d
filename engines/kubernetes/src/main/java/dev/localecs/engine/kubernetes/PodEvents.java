package dev.localecs.engine.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the container statuses of successive versions of a Pod into the engine's container events, as Docker's
 * event stream reports them: {@code start}, {@code oom} then {@code die} with the exit code, and
 * {@code health_status: healthy|unhealthy} when a container with a health check turns ready or stops being
 * ready. A native sidecar the kubelet restarted reports the exit it had ({@code lastState}) before its new start.
 */
final class PodEvents {
    /**
     * One container event.
     *
     * @param taskArn the task ARN (from the Pod's annotation)
     * @param container the ECS container name
     * @param action the event's action
     * @param exitCode the exit code, for {@code die}
     */
    record Event(String taskArn, String container, String action, Optional<Integer> exitCode) {
    }

    /** What was last seen of one container. */
    private record Seen(boolean running, int restarts, boolean ended, boolean ready) {
    }

    private final Map<String, Map<String, Seen>> seen = new ConcurrentHashMap<>();

    /**
     * The events between the last version of a Pod seen and this one (this one becomes the last seen).
     *
     * @param pod the Pod's new version
     * @return the events, in order
     */
    List<Event> changes(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String taskArn = annotations == null ? null : annotations.get(KubeNames.TASK_ARN);
        Map<String, Seen> before = seen.computeIfAbsent(key(pod), k -> new HashMap<>());
        List<Event> events = new ArrayList<>();
        synchronized (before) {
            for (ContainerStatus status : PodStatuses.statuses(pod)) {
                String ecsName = annotations == null ? null : annotations.get(KubeNames.CONTAINER + status.getName());
                boolean running = PodStatuses.running(status);
                Optional<ContainerStateTerminated> ended = PodStatuses.terminated(status);
                int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
                boolean ready = Boolean.TRUE.equals(status.getReady());
                Seen last = before.getOrDefault(status.getName(), new Seen(false, 0, false, false));
                before.put(status.getName(), new Seen(running, restarts, ended.isPresent(), ready));
                if (taskArn == null || ecsName == null) {
                    continue;
                }
                if (restarts > last.restarts() && !last.ended() && status.getLastState() != null
                        && status.getLastState().getTerminated() != null) {
                    exit(events, taskArn, ecsName, status.getLastState().getTerminated());
                }
                if (running && (!last.running() || restarts > last.restarts())) {
                    events.add(new Event(taskArn, ecsName, "start", Optional.empty()));
                }
                if (ended.isPresent() && (!last.ended() || restarts > last.restarts())) {
                    exit(events, taskArn, ecsName, ended.get());
                }
                if (running && PodStatuses.hasHealthCheck(pod, status.getName()) && ready != last.ready()) {
                    events.add(new Event(taskArn, ecsName, ready ? "health_status: healthy"
                            : "health_status: unhealthy", Optional.empty()));
                }
            }
        }
        return events;
    }

    /**
     * Takes a Pod's versions as the starting point without events (Pods found when the watch starts: the runtime's
     * recovery reads them itself).
     *
     * @param pod the Pod
     */
    void baseline(Pod pod) {
        changes(pod);
    }

    /**
     * Forgets a Pod.
     *
     * @param namespace its namespace
     * @param name its name
     */
    void forget(String namespace, String name) {
        seen.remove(namespace + "/" + name);
    }

    private static void exit(List<Event> events, String taskArn, String container, ContainerStateTerminated ended) {
        if ("OOMKilled".equals(ended.getReason())) {
            events.add(new Event(taskArn, container, "oom", Optional.empty()));
        }
        events.add(new Event(taskArn, container, "die", Optional.ofNullable(ended.getExitCode())));
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
