package dev.localecs.runtime.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.docker.HostPortClaims.HostPort;
import dev.localecs.runtime.tasks.LaunchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The pause containers of awsvpc tasks with container ports: what each publishes on the host
 * ({@link AwsvpcPublishing}), remaking one without a port the host refuses at start, and giving its host
 * ports back when it stops.
 */
final class AwsvpcPauses {
    private static final Logger LOG = Logger.getLogger(AwsvpcPauses.class.getName());

    /** Makes (does not start) a service's container from a possibly adjusted definition. */
    @FunctionalInterface
    interface Maker {
        String create(ComposedTask compose, String service, ComposeService definition);
    }

    /** How to make a pause container again, and what it publishes. */
    private record Launch(ComposedTask compose, String service, AwsvpcPublishing.Plan plan) {
    }

    private final DockerClient docker;
    private final AwsvpcPublishing publishing;
    private final Maker maker;
    /** Pause container id → its launch, from creation until the container is stopped or removed. */
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    AwsvpcPauses(DockerClient docker, AwsvpcPublishing publishing, Maker maker) {
        this.docker = requireNonNull(docker, "docker is null");
        this.publishing = requireNonNull(publishing, "publishing is null");
        this.maker = requireNonNull(maker, "maker is null");
    }

    /** Whether a service is the pause container of an awsvpc task with container ports. */
    static boolean concerns(ComposeService definition) {
        return definition.labels() != null && definition.labels().containsKey(EcsLabels.PAUSE)
                && definition.networkMode() == null && definition.ports() != null && !definition.ports().isEmpty();
    }

    /**
     * Makes the pause container publishing what the setting allows.
     *
     * @param compose the task's project
     * @param service the pause service
     * @return the container id
     */
    String create(ComposedTask compose, String service) {
        ComposeService definition = compose.effective().services().get(service);
        AwsvpcPublishing.Plan plan = publishing.plan(compose.project(), definition.ports(), this::publishedPorts);
        if (!plan.refused().isEmpty()) {
            LOG.info("Task " + compose.project() + ": host " + describe(plan.refused()) + "; the task is reachable "
                    + "at its ENI address only (tasks.awsvpc-host-ports: if-free)");
        }
        try {
            String id = maker.create(compose, service, definition.toBuilder().ports(plan.ports()).build());
            launches.put(id, new Launch(compose, service, plan));
            return id;
        } catch (RuntimeException e) {
            publishing.release(compose.project());
            throw e;
        }
    }

    /**
     * An if-free pause container the host refused a port to, made again without that port (a process
     * outside Docker, or a container started since the claim, holds it).
     *
     * @param id the container that failed to start
     * @param failure the engine's refusal
     * @return the new container, or empty when the failure is not about a port this container may drop
     */
    Optional<String> withoutRefusedPort(String id, DockerException failure) {
        Launch launch = launches.get(id);
        Optional<PortConflict> conflict = PortConflict.parse(failure.getMessage());
        if (launch == null || !launch.plan().narrowable() || conflict.isEmpty()) {
            return Optional.empty();
        }
        AwsvpcPublishing.Plan narrower = publishing.without(launch.plan(), conflict.get());
        if (narrower.ports().size() == launch.plan().ports().size()) {
            return Optional.empty();
        }
        LOG.info("Task " + launch.compose().project() + ": the host refused a published port ("
                + failure.getMessage().trim() + "); the task is reachable at its ENI address on it "
                + "(tasks.awsvpc-host-ports: if-free)");
        launches.remove(id);
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            LOG.fine("Pause container " + id + " already removed");
        } catch (DockerException e) {
            throw new LaunchException(LaunchException.Kind.START, launch.service(), "cannot remake the pause "
                    + "container without a refused host port: " + e.getMessage().trim(), e);
        }
        ComposeService definition = launch.compose().effective().services().get(launch.service());
        String again = maker.create(launch.compose(), launch.service(),
                definition.toBuilder().ports(narrower.ports()).build());
        launches.put(again, new Launch(launch.compose(), launch.service(), narrower));
        return Optional.of(again);
    }

    /**
     * A container stopped: if it is a pause container, its host ports are free for the next launch.
     *
     * @param id the container
     */
    void stopped(String id) {
        Launch launch = launches.remove(id);
        if (launch != null) {
            publishing.release(launch.compose().project());
        }
    }

    /**
     * A task's containers were removed.
     *
     * @param project the task's compose project
     */
    void removed(String project) {
        launches.values().removeIf(launch -> launch.compose().project().equals(project));
        publishing.release(project);
    }

    /** Host ports that running containers publish now, each with the container's name. */
    private Map<HostPort, String> publishedPorts() {
        Map<HostPort, String> published = new LinkedHashMap<>();
        for (Container container : docker.listContainersCmd().exec()) {
            if (container.getPorts() == null) {
                continue;
            }
            String name = container.getNames() == null || container.getNames().length == 0 ? container.getId()
                    : container.getNames()[0].replaceFirst("^/", "");
            for (ContainerPort port : container.getPorts()) {
                if (port.getPublicPort() != null) {
                    published.putIfAbsent(new HostPort(port.getIp(), port.getPublicPort(), port.getType()), name);
                }
            }
        }
        return published;
    }

    private static String describe(Map<HostPort, String> refused) {
        List<String> parts = new ArrayList<>();
        refused.forEach((port, holder) -> parts.add("port " + port + " is taken by " + holder));
        return String.join(", ", parts);
    }
}
