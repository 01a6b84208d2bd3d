package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Details on the network bindings between a container and its host container instance.
 *
 * @param bindIP The IP address that the container is bound to on the container instance.
 * @param containerPort The port number on the container that's used with the network binding.
 * @param hostPort The port number on the host that's used with the network binding.
 * @param protocol The protocol used for the network binding.
 * @param containerPortRange The port number range on the container that's bound to the dynamically mapped host port range.
 * @param hostPortRange The port number range on the host that's used with the network binding.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkBinding(
        String bindIP,
        Integer containerPort,
        Integer hostPort,
        String protocol,
        String containerPortRange,
        String hostPortRange) {
}
