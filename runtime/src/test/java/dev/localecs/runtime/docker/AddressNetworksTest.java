package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.network.EndpointMode;
import dev.localecs.runtime.network.Ipv4Subnet;
import org.junit.jupiter.api.Test;

/** What {@link AddressNetworks} refuses before it asks Docker anything. */
class AddressNetworksTest {

    @Test
    void aPoolSmallerThanOneSliceIsRefused() {
        assertThatThrownBy(() -> new AddressNetworks(null, Ipv4Subnet.parse("169.254.171.0/31").orElseThrow(),
                "ecs-local-network", EndpointMode.HOST_GATEWAY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service-connect.subnet must be a /30 or larger, not 169.254.171.0/31.");
    }

    @Test
    void theRuntimeInAContainerCannotListenOnHostAddresses() {
        AddressNetworks addresses = new AddressNetworks(null, Ipv4Subnet.parse("169.254.171.0/24").orElseThrow(),
                "ecs-local-network", EndpointMode.CONTAINER);
        assertThatThrownBy(() -> addresses.acquire("service-connect/local/backend"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Listeners for tasks need the runtime on the host: endpoint.mode container");
    }
}
