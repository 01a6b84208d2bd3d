package dev.localecs.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.localecs.api.ListenAddresses;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.network.EndpointMode;
import dev.localecs.runtime.network.Ipv4Subnet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Host addresses for listeners that task containers reach ({@link ListenAddresses}), made with Docker: each key
 * gets a small bridge network of its own ({@code /30} out of {@code service-connect.subnet}), and the runtime
 * listens on that network's gateway, which Docker puts on the host. No container joins these networks: a task
 * container sends to the address through its default route (the task network's gateway, the host), and the host
 * takes it as one of its own addresses (no forwarding involved). The key is the network's label, so a restarted
 * runtime finds the same address for the same key, as the tasks' {@code /etc/hosts} entries expect.
 */
final class AddressNetworks implements ListenAddresses {
    private static final Logger LOG = Logger.getLogger(AddressNetworks.class.getName());
    /** The label holding the key on each address network. */
    static final String LABEL = "dev.localecs.listen-address";
    private static final int SLICE_PREFIX = 30;

    private final DockerClient docker;
    private final Ipv4Subnet pool;
    private final String namePrefix;
    private final EndpointMode mode;

    AddressNetworks(DockerClient docker, Ipv4Subnet pool, String namePrefix, EndpointMode mode) {
        if (pool.prefix() > SLICE_PREFIX) {
            throw new ConfigurationException("service-connect.subnet must be a /" + SLICE_PREFIX
                    + " or larger, not " + pool + ".");
        }
        this.docker = docker;
        this.pool = pool;
        this.namePrefix = namePrefix;
        this.mode = mode;
    }

    @Override
    public synchronized InetAddress acquire(String key) {
        if (mode == EndpointMode.CONTAINER) {
            throw new ConfigurationException("Listeners for tasks need the runtime on the host: endpoint.mode "
                    + "container puts it in a container, where the host's addresses are not its own.");
        }
        try {
            List<Network> networks = docker.listNetworksCmd().exec();
            Optional<String> held = networks.stream()
                    .filter(network -> key.equals(labels(network).get(LABEL)))
                    .map(AddressNetworks::gateway).flatMap(Optional::stream).findFirst();
            if (held.isPresent()) {
                return address(held.get());
            }
            long slices = 1L << (SLICE_PREFIX - pool.prefix());
            for (long i = 0; i < slices; i++) {
                long start = pool.network() + (i << (32 - SLICE_PREFIX));
                if (overlapsAny(start, networks)) {
                    continue;
                }
                Ipv4Subnet slice = new Ipv4Subnet(start, SLICE_PREFIX);
                String name = namePrefix + "-addr-" + i;
                docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(Map.of(LABEL, key))
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(slice.toString()).withGateway(slice.firstHost())))
                        .exec();
                LOG.info("Listen address " + slice.firstHost() + " for " + key + " (network " + name + ")");
                return address(slice.firstHost());
            }
            throw new ConfigurationException("service-connect.subnet " + pool + " has no free /" + SLICE_PREFIX
                    + " left for " + key + "; give a larger subnet.");
        } catch (DockerException e) {
            throw new ConfigurationException("Cannot make a listen address for " + key + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void release(String key) {
        try {
            for (Network network : docker.listNetworksCmd().exec()) {
                if (key.equals(labels(network).get(LABEL))) {
                    docker.removeNetworkCmd(network.getId()).exec();
                    LOG.info("Released the listen address network " + network.getName() + " of " + key);
                }
            }
        } catch (NotFoundException e) {
            // removed meanwhile
        } catch (DockerException e) {
            LOG.warning("Cannot release the listen address of " + key + ": " + e.getMessage());
        }
    }

    /** Whether the /30 at {@code start} overlaps a subnet some network already has. */
    private static boolean overlapsAny(long start, List<Network> networks) {
        long end = start + (1L << (32 - SLICE_PREFIX)) - 1;
        for (Network network : networks) {
            for (Network.Ipam.Config config : configs(network)) {
                Optional<Ipv4Subnet> subnet = Optional.ofNullable(config.getSubnet()).flatMap(Ipv4Subnet::parse);
                if (subnet.isPresent()) {
                    long first = subnet.get().network();
                    long last = first + (1L << (32 - subnet.get().prefix())) - 1;
                    if (first <= end && start <= last) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Map<String, String> labels(Network network) {
        return network.getLabels() == null ? Map.of() : network.getLabels();
    }

    private static List<Network.Ipam.Config> configs(Network network) {
        return network.getIpam() == null || network.getIpam().getConfig() == null ? List.of()
                : network.getIpam().getConfig();
    }

    private static Optional<String> gateway(Network network) {
        return configs(network).stream().map(Network.Ipam.Config::getGateway)
                .filter(g -> g != null && !g.isBlank()).findFirst();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
