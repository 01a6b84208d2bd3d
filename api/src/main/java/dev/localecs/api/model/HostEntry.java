package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Hostnames and IP address entries that are added to the /etc/hosts file of a container via the extraHosts parameter of its ContainerDefinition.
 *
 * @param hostname The hostname to use in the /etc/hosts entry.
 * @param ipAddress The IP address to use in the /etc/hosts entry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostEntry(
        String hostname,
        String ipAddress) {
}
