package dev.localecs.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules tying the task network's subnet and gateway to the endpoint mode and address. */
class TaskNetworkSettingsTest {

    private static TaskNetworkSettings settings(Map<String, String> environment) {
        return TaskNetworkSettings.from(RuntimeConfig.load(Optional.empty(), environment, Map.of()));
    }

    @Test
    void defaultsAreTheEndpointAddressAsGatewayOnTheHost() {
        TaskNetworkSettings settings = settings(Map.of());

        assertThat(settings.name()).isEqualTo("ecs-local-network");
        assertThat(settings.subnet()).hasToString("169.254.170.0/24");
        assertThat(settings.mode()).isEqualTo(EndpointMode.HOST_GATEWAY);
        assertThat(settings.endpointAddress()).isEqualTo("169.254.170.2");
        assertThat(settings.gateway()).isEqualTo("169.254.170.2");
    }

    @Test
    void containerModeDefaultsTheGatewayToTheSubnetsFirstAddress() {
        assertThat(settings(Map.of("ENDPOINT_MODE", "container")).gateway()).isEqualTo("169.254.170.1");
    }

    @ParameterizedTest(name = "{0} in {1} mode: gateway {2}")
    @CsvSource({
            "169.254.168.0/21, host-gateway, 169.254.170.2",
            "169.254.168.0/21, container, 169.254.168.1",
            "169.254.0.0/16, container, 169.254.0.1",
            "169.254.170.0/25, host-gateway, 169.254.170.2",
    })
    void aSubnetAloneThatContainsTheEndpointWorks(String subnet, String mode, String gateway) {
        TaskNetworkSettings settings = settings(Map.of("NETWORK_SUBNET", subnet, "ENDPOINT_MODE", mode));

        assertThat(settings.subnet()).hasToString(subnet);
        assertThat(settings.gateway()).isEqualTo(gateway);
        assertThat(settings.endpointAddress()).as("what every AWS SDK calls").isEqualTo("169.254.170.2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"host-gateway", "container"})
    void aSubnetWithoutTheEndpointAddressIsRefusedNamingTheSettingsAndTheReason(String mode) {
        assertThatThrownBy(() -> settings(Map.of("NETWORK_SUBNET", "169.254.181.0/24", "ENDPOINT_MODE", mode)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("network.subnet (NETWORK_SUBNET) 169.254.181.0/24 does not contain the "
                        + "endpoint address 169.254.170.2 (endpoint.host)")
                .hasMessageContaining("169.254.168.0/21")
                .hasMessageContaining("endpoint.mode");
    }

    @Test
    void anySubnetIsAcceptedWhenTheEndpointIsDisabled() {
        TaskNetworkSettings settings = settings(Map.of("NETWORK_SUBNET", "169.254.181.0/24",
                "ENDPOINT_MODE", "disabled"));

        assertThat(settings.gateway()).isEqualTo("169.254.181.1");
    }

    @Test
    void aGatewayOutsideTheSubnetIsRefused() {
        assertThatThrownBy(() -> settings(Map.of("NETWORK_SUBNET", "169.254.168.0/21",
                "NETWORK_GATEWAY", "169.254.190.1", "ENDPOINT_MODE", "container")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("network.gateway (NETWORK_GATEWAY) 169.254.190.1 is not a host address of "
                        + "network.subnet (NETWORK_SUBNET) 169.254.168.0/21");
    }

    @Test
    void anEndpointAddressOutsideTheSubnetIsRefused() {
        assertThatThrownBy(() -> settings(Map.of("ENDPOINT_HOST", "169.254.171.2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not contain the endpoint address 169.254.171.2 (endpoint.host)");
    }

    @Test
    void hostGatewayModeRefusesAGatewayThatIsNotTheEndpointAddress() {
        assertThatThrownBy(() -> settings(Map.of("NETWORK_GATEWAY", "169.254.170.1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint.mode host-gateway")
                .hasMessageContaining("must be the endpoint address 169.254.170.2");
    }

    @Test
    void containerModeRefusesTheEndpointAddressAsGateway() {
        assertThatThrownBy(() -> settings(Map.of("ENDPOINT_MODE", "container", "NETWORK_GATEWAY", "169.254.170.2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the runtime's container takes that address");
    }

    @Test
    void anExplicitGatewayInsideTheSubnetIsKept() {
        assertThat(settings(Map.of("ENDPOINT_MODE", "container", "NETWORK_GATEWAY", "169.254.170.254")).gateway())
                .isEqualTo("169.254.170.254");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"169.254.170.0", "169.254.170/24", "169.254.170.1/24", "169.254.170.0/33", "300.254.170.0/24",
            "fe80::/64"})
    void malformedSubnetsAreRefused(String subnet) {
        assertThatThrownBy(() -> settings(Map.of("NETWORK_SUBNET", subnet)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("network.subnet (NETWORK_SUBNET) must be an IPv4 subnet in CIDR notation")
                .hasMessageContaining("'" + subnet + "'");
    }

    @Test
    void unknownModesAreRefused() {
        assertThatThrownBy(() -> settings(Map.of("ENDPOINT_MODE", "bridge")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint.mode (ENDPOINT_MODE) must be host-gateway, container or disabled");
    }
}
