package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.network.EndpointMode;
import dev.localecs.runtime.network.Ipv4Subnet;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listen addresses on the real engine, out of a pool of two {@code /30}s (169.254.171.248/29, link-local): one
 * network per key, the same address for a key again and from a new allocator (a restarted runtime), the pool's
 * end, and the address given back.
 */
class AddressNetworksIT {
    private static final Ipv4Subnet POOL = Ipv4Subnet.parse("169.254.171.248/29").orElseThrow();
    private final DockerClient docker = DockerClients.create("unix:///var/run/docker.sock", Duration.ofSeconds(30));

    @AfterEach
    void clean() throws Exception {
        for (Network network : docker.listNetworksCmd().exec()) {
            if (network.getName().startsWith("svcnet-it-addr-")) {
                docker.removeNetworkCmd(network.getId()).exec();
            }
        }
        docker.close();
    }

    private AddressNetworks addresses() {
        return new AddressNetworks(docker, POOL, "svcnet-it", EndpointMode.HOST_GATEWAY);
    }

    @Test
    void eachKeyHoldsItsOwnAddressAcrossAllocatorsUntilReleased() {
        AddressNetworks addresses = addresses();
        InetAddress first = addresses.acquire("svcnet/one");
        InetAddress second = addresses.acquire("svcnet/two");
        assertThat(first.getHostAddress()).isEqualTo("169.254.171.249");
        assertThat(second.getHostAddress()).isEqualTo("169.254.171.253");
        assertThat(addresses.acquire("svcnet/one")).isEqualTo(first);
        assertThat(addresses().acquire("svcnet/two")).as("a restarted runtime finds the same address").isEqualTo(second);
        assertThatThrownBy(() -> addresses.acquire("svcnet/three")).isInstanceOf(ConfigurationException.class)
                .hasMessage("service-connect.subnet 169.254.171.248/29 has no free /30 left for svcnet/three; "
                        + "give a larger subnet.");

        addresses.release("svcnet/one");
        List<String> names = docker.listNetworksCmd().exec().stream().map(Network::getName)
                .filter(name -> name.startsWith("svcnet-it-addr-")).toList();
        assertThat(names).containsExactly("svcnet-it-addr-1");
        assertThat(addresses.acquire("svcnet/three").getHostAddress()).isEqualTo("169.254.171.249");
    }
}
