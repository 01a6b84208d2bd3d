package dev.localecs.runtime.network;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import java.util.Optional;

/**
 * The task network and the endpoint on it, read once from {@code network.*} and {@code endpoint.*} and
 * checked at start. The endpoint address stays what every AWS SDK calls (169.254.170.2); the subnet only has
 * to contain it. The gateway follows the endpoint mode unless {@code network.gateway} is set: the endpoint
 * address itself in {@code host-gateway} mode (the runtime listens on the gateway), the subnet's first
 * address in {@code container} mode (the runtime's container takes the endpoint address).
 *
 * @param name the task network ({@code network.name})
 * @param subnet its subnet ({@code network.subnet})
 * @param gateway its gateway ({@code network.gateway} or the mode's default)
 * @param mode the endpoint mode ({@code endpoint.mode})
 * @param endpointAddress the endpoint address on the network ({@code endpoint.host})
 */
public record TaskNetworkSettings(String name, Ipv4Subnet subnet, String gateway, EndpointMode mode,
                                  String endpointAddress) {
    /** The address every AWS SDK calls for {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}. */
    public static final String ENDPOINT_ADDRESS = "169.254.170.2";
    /** The default subnet. */
    public static final String DEFAULT_SUBNET = "169.254.170.0/24";
    /** The default network name. */
    public static final String DEFAULT_NAME = "ecs-local-network";

    /**
     * Validates the components.
     *
     * @param name the network name
     * @param subnet the subnet
     * @param gateway the gateway
     * @param mode the endpoint mode
     * @param endpointAddress the endpoint address
     */
    public TaskNetworkSettings {
        requireNonNull(name, "name is null");
        requireNonNull(subnet, "subnet is null");
        requireNonNull(gateway, "gateway is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(endpointAddress, "endpointAddress is null");
    }

    /**
     * Reads and checks the settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws ConfigurationException naming the settings and the reason when they cannot work together
     */
    public static TaskNetworkSettings from(ConfigView config) {
        EndpointMode mode = EndpointMode.parse(config.get("endpoint.mode", EndpointMode.HOST_GATEWAY.value()));
        String name = config.get("network.name", DEFAULT_NAME).trim();
        String subnetText = config.get("network.subnet", DEFAULT_SUBNET).trim();
        Ipv4Subnet subnet = Ipv4Subnet.parse(subnetText).orElseThrow(() -> new ConfigurationException(
                "network.subnet (NETWORK_SUBNET) must be an IPv4 subnet in CIDR notation with its host bits zero, "
                        + "such as " + DEFAULT_SUBNET + " or 169.254.168.0/21, not '" + subnetText + "'."));
        String endpoint = config.get("endpoint.host", ENDPOINT_ADDRESS).trim();
        Optional<String> explicitGateway = config.get("network.gateway").map(String::trim);
        explicitGateway.ifPresent(gateway -> {
            if (!subnet.isHostAddress(gateway)) {
                throw new ConfigurationException("network.gateway (NETWORK_GATEWAY) " + gateway
                        + " is not a host address of network.subnet (NETWORK_SUBNET) " + subnet
                        + "; leave network.gateway empty to get the endpoint mode's default, or choose an address "
                        + "inside the subnet.");
            }
        });
        if (!mode.listens()) {
            String gateway = explicitGateway.orElse(subnet.isHostAddress(endpoint) ? endpoint : subnet.firstHost());
            return new TaskNetworkSettings(name, subnet, gateway, mode, endpoint);
        }
        if (Ipv4Subnet.address(endpoint).isEmpty()) {
            throw new ConfigurationException("endpoint.host (ENDPOINT_HOST) must be an IPv4 address such as "
                    + ENDPOINT_ADDRESS + ", not '" + endpoint + "'.");
        }
        if (!subnet.isHostAddress(endpoint)) {
            throw new ConfigurationException("network.subnet (NETWORK_SUBNET) " + subnet + " does not contain the "
                    + "endpoint address " + endpoint + " (endpoint.host), where task containers get their credentials "
                    + "and metadata; choose a subnet that contains it, such as " + DEFAULT_SUBNET
                    + " or 169.254.168.0/21, or set endpoint.mode (ENDPOINT_MODE) to disabled.");
        }
        String gateway;
        if (mode == EndpointMode.HOST_GATEWAY) {
            gateway = explicitGateway.orElse(endpoint);
            if (!gateway.equals(endpoint)) {
                throw new ConfigurationException("network.gateway (NETWORK_GATEWAY) is " + gateway + ", but with "
                        + "endpoint.mode host-gateway the runtime listens on the task network's gateway, which must "
                        + "be the endpoint address " + endpoint + " (endpoint.host); leave network.gateway empty.");
            }
        } else {
            gateway = explicitGateway.orElse(subnet.firstHost());
            if (gateway.equals(endpoint)) {
                throw new ConfigurationException("network.gateway (NETWORK_GATEWAY) would be the endpoint address "
                        + endpoint + " (endpoint.host), but with endpoint.mode container the runtime's container takes "
                        + "that address; set network.gateway to another address of " + subnet + ".");
            }
        }
        return new TaskNetworkSettings(name, subnet, gateway, mode, endpoint);
    }
}
