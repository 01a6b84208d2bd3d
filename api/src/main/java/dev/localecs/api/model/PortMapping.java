package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Port mappings allow containers to access ports on the host container instance to send or receive traffic.
 *
 * @param containerPort The port number on the container that's bound to the user-specified or automatically assigned host port.
 * @param hostPort The port number on the container instance to reserve for your container.
 * @param protocol The protocol used for the port mapping.
 * @param name The name that's used for the port mapping.
 * @param appProtocol The application protocol that's used for the port mapping.
 * @param containerPortRange The port number range on the container that's bound to the dynamically mapped host port range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortMapping(
        Integer containerPort,
        Integer hostPort,
        String protocol,
        String name,
        String appProtocol,
        String containerPortRange) {
}
