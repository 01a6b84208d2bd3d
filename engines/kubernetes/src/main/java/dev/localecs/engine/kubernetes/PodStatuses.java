package dev.localecs.engine.kubernetes;

import dev.localecs.runtime.tasks.ContainerFacts;
import dev.localecs.runtime.tasks.TaskEngine;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a Pod's spec and status the way the lifecycle needs them (one container at a time). */
final class PodStatuses {
    /** Waiting reasons that mean the image cannot be pulled. */
    static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "RegistryUnavailable");
    /** Waiting reasons that mean the container cannot be made or started. */
    static final Set<String> START_FAILURES = Set.of("CreateContainerError", "RunContainerError",
            "CrashLoopBackOff", "PreCreateHookError", "PreStartHookError");

    private PodStatuses() {
    }

    static Optional<ContainerStatus> status(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.concat(list(pod.getStatus().getInitContainerStatuses()),
                list(pod.getStatus().getContainerStatuses())).filter(s -> container.equals(s.getName())).findFirst();
    }

    static Optional<Container> spec(Pod pod, String container) {
        return Stream.concat(list(pod.getSpec().getInitContainers()), list(pod.getSpec().getContainers()))
                .filter(c -> container.equals(c.getName())).findFirst();
    }

    static List<ContainerStatus> statuses(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        return Stream.concat(list(pod.getStatus().getInitContainerStatuses()),
                list(pod.getStatus().getContainerStatuses())).toList();
    }

    static boolean running(ContainerStatus status) {
        return status.getState() != null && status.getState().getRunning() != null;
    }

    static Optional<ContainerStateTerminated> terminated(ContainerStatus status) {
        return Optional.ofNullable(status.getState()).map(s -> s.getTerminated());
    }

    static Optional<ContainerStateWaiting> waiting(ContainerStatus status) {
        return Optional.ofNullable(status.getState()).map(s -> s.getWaiting());
    }

    static boolean hasHealthCheck(Pod pod, String container) {
        return spec(pod, container).map(c -> c.getReadinessProbe() != null).orElse(false);
    }

    /** A container as the lifecycle sees it: running, exit code, OOM kill, health, digest, ports, address. */
    static TaskEngine.Observation observe(String id, Pod pod, String container) {
        Optional<ContainerStatus> status = status(pod, container);
        boolean running = status.map(PodStatuses::running).orElse(false);
        Optional<ContainerStateTerminated> ended = status.flatMap(PodStatuses::terminated);
        Optional<String> health = Optional.empty();
        if (status.isPresent() && running && hasHealthCheck(pod, container)) {
            health = Boolean.TRUE.equals(status.get().getReady()) ? Optional.of("HEALTHY") : Optional.empty();
        }
        Optional<String> digest = status.map(ContainerStatus::getImageID).filter(i -> i.contains("sha256:"))
                .map(i -> i.substring(i.indexOf("sha256:")));
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        String hostIp = pod.getStatus() == null ? null : pod.getStatus().getHostIP();
        List<TaskEngine.PortBinding> ports = new ArrayList<>();
        if (running) {
            for (ContainerPort port : spec(pod, container).map(Container::getPorts).orElse(List.of())) {
                boolean published = port.getHostPort() != null && port.getHostPort() > 0;
                String address = published ? hostIp : podIp;
                ports.add(new TaskEngine.PortBinding(port.getContainerPort(),
                        port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT),
                        address == null ? "0.0.0.0" : address,
                        published ? port.getHostPort() : port.getContainerPort()));
            }
        }
        return new TaskEngine.Observation(id, running, running ? Optional.empty()
                : ended.map(ContainerStateTerminated::getExitCode), ended.map(t -> "OOMKilled".equals(t.getReason()))
                .orElse(false), health, digest, List.copyOf(ports), Optional.ofNullable(podIp), Optional.empty());
    }

    /**
     * A container (or, with no container, the Pod) as its status reports it, for the task metadata endpoint: the
     * container runtime's id without its scheme, its start and end, its image digest, the Pod's address.
     *
     * @param pod the Pod
     * @param container the container; empty for the Pod itself
     * @param zone the zone of the node it runs on
     * @return the facts
     */
    static ContainerFacts facts(Pod pod, Optional<String> container, Optional<String> zone) {
        Optional<ContainerStatus> status = container.flatMap(name -> status(pod, name));
        Optional<String> runtimeId = status.map(ContainerStatus::getContainerID).filter(id -> !id.isBlank())
                .map(id -> id.substring(id.indexOf("://") < 0 ? 0 : id.indexOf("://") + 3));
        Optional<ContainerStateTerminated> ended = status.flatMap(PodStatuses::terminated);
        Optional<String> started = status.map(ContainerStatus::getState).map(s -> s.getRunning())
                .map(r -> r.getStartedAt()).or(() -> ended.map(ContainerStateTerminated::getStartedAt));
        Optional<String> digest = status.map(ContainerStatus::getImageID).filter(i -> i.contains("sha256:"))
                .map(i -> i.substring(i.indexOf("sha256:")));
        return new ContainerFacts(runtimeId, started.map(Instant::parse),
                ended.map(ContainerStateTerminated::getFinishedAt).map(Instant::parse), digest,
                Optional.ofNullable(pod.getStatus()).map(s -> s.getPodIP()), zone);
    }

    /** Whether the Pod has reached its end (every container stopped, or the Pod failed or was deleted). */
    static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static <T> Stream<T> list(List<T> values) {
        return values == null ? Stream.empty() : values.stream();
    }
}
