package dev.localecs.runtime.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.network.Ipv4Subnet;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.tasks.LaunchException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the shared task network to the shape the endpoint mode needs (subnet and gateway): creates it when
 * missing, recreates it when it has another shape and no container is attached (a runtime on the host
 * leaves gateway 169.254.170.2, which the image's container mode needs for itself), and refuses to go on
 * when containers are attached, since removing the network would cut them off.
 */
final class TaskNetworkShaper {
    private static final Logger LOG = Logger.getLogger(TaskNetworkShaper.class.getName());
    static final String LABEL = "com.amazonaws.ecs.local.task-network";

    private final DockerClient docker;
    private final TaskNetworkSettings settings;

    TaskNetworkShaper(DockerClient docker, TaskNetworkSettings settings) {
        this.docker = requireNonNull(docker, "docker is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Makes sure the network exists; outside disabled mode also that it has the needed subnet and gateway.
     *
     * @throws ConfigurationException when it has another shape and containers are attached
     */
    void ensure() {
        Optional<Network> existing = inspect();
        if (existing.isEmpty()) {
            create();
            return;
        }
        if (!settings.mode().listens()) {
            return;
        }
        Network network = existing.get();
        Shape actual = Shape.of(network);
        if (actual.subnet().equals(settings.subnet().toString()) && actual.gateway().equals(settings.gateway())) {
            return;
        }
        Map<String, Network.ContainerNetworkConfig> attached = network.getContainers() == null ? Map.of()
                : network.getContainers();
        if (!attached.isEmpty()) {
            List<String> names = attached.values().stream().map(Network.ContainerNetworkConfig::getName).sorted()
                    .toList();
            String shown = String.join(", ", names.subList(0, Math.min(5, names.size())))
                    + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
            throw new ConfigurationException("The task network " + settings.name() + " has gateway "
                    + actual.gateway() + " (subnet " + actual.subnet() + "), but endpoint.mode " + settings.mode()
                    + " needs gateway " + settings.gateway() + " (subnet " + settings.subnet() + "): it was made "
                    + "for the other endpoint mode, and it cannot be recreated while containers are attached to it ("
                    + shown + "). Stop those tasks (or remove those containers), or remove the network with "
                    + "`docker network rm " + settings.name() + "`, then start again.");
        }
        try {
            docker.removeNetworkCmd(network.getId()).exec();
        } catch (NotFoundException gone) {
            LOG.fine("Task network " + settings.name() + " was removed meanwhile");
        }
        create();
        LOG.info("Recreated the task network " + settings.name() + " for endpoint.mode " + settings.mode()
                + ": gateway " + actual.gateway() + " to " + settings.gateway() + ", subnet " + actual.subnet()
                + " to " + settings.subnet() + " (no container was attached)");
    }

    /** Creates the network (it is missing). */
    void create() {
        try {
            docker.createNetworkCmd().withName(settings.name()).withDriver("bridge")
                    .withLabels(Map.of(LABEL, "true"))
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                            .withSubnet(settings.subnet().toString()).withGateway(settings.gateway())))
                    .exec();
            LOG.info("Created task network " + settings.name() + " (" + settings.subnet() + ", gateway "
                    + settings.gateway() + ")");
        } catch (DockerException e) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, null, "cannot create the task network "
                    + settings.name() + " with subnet " + settings.subnet() + " (" + e.getMessage().trim()
                    + "); choose another network.subnet or remove the network that overlaps it", e);
        }
    }

    private Optional<Network> inspect() {
        try {
            return Optional.of(docker.inspectNetworkCmd().withNetworkId(settings.name()).exec())
                    .filter(network -> settings.name().equals(network.getName()));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /** A network's first IPv4 subnet and its gateway (Docker's default, the first address, when unset). */
    private record Shape(String subnet, String gateway) {
        static Shape of(Network network) {
            List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                    ? List.of() : network.getIpam().getConfig();
            for (Network.Ipam.Config config : configs) {
                Optional<Ipv4Subnet> subnet = Optional.ofNullable(config.getSubnet()).flatMap(Ipv4Subnet::parse);
                if (subnet.isPresent()) {
                    String gateway = config.getGateway() == null || config.getGateway().isBlank()
                            ? subnet.get().firstHost() : config.getGateway();
                    return new Shape(subnet.get().toString(), gateway);
                }
            }
            return new Shape("none", "none");
        }
    }
}
