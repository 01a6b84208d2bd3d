package dev.localecs.api.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A top-level network.
 *
 * @param name the engine-side name (defaults to {@code <project>_<key>})
 * @param driver the driver, e.g. {@code bridge}
 * @param external whether the network exists already and is not managed by the project
 * @param internal whether the network has no external connectivity
 * @param attachable whether standalone containers may attach
 * @param ipam address management: subnets and gateways
 * @param labels labels on the network
 * @param driverOpts driver options
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComposeNetwork(String name, String driver, Boolean external, Boolean internal, Boolean attachable,
                             Ipam ipam, Map<String, String> labels,
                             @JsonProperty("driver_opts") Map<String, String> driverOpts) {

    /**
     * IP address management of a network.
     *
     * @param driver the IPAM driver
     * @param config the address pools
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Ipam(String driver, List<IpamConfig> config) {
    }

    /**
     * One address pool.
     *
     * @param subnet the subnet in CIDR form
     * @param gateway the gateway address
     * @param ipRange the range addresses are allocated from
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record IpamConfig(String subnet, String gateway,
                             @JsonProperty("ip_range") String ipRange) {
    }
}
