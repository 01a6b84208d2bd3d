package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The configuration details for the App Mesh proxy.
 *
 * @param type The proxy type.
 * @param containerName The name of the container that will serve as the App Mesh proxy.
 * @param properties The set of network configuration parameters to provide the Container Network Interface (CNI) plugin, specified as key-value pairs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProxyConfiguration(
        String type,
        String containerName,
        List<KeyValuePair> properties) {
}
