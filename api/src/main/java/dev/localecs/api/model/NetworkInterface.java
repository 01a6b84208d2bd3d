package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An object representing the elastic network interface for tasks that use the awsvpc network mode.
 *
 * @param attachmentId The attachment ID for the network interface.
 * @param privateIpv4Address The private IPv4 address for the network interface.
 * @param ipv6Address The private IPv6 address for the network interface.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkInterface(
        String attachmentId,
        String privateIpv4Address,
        String ipv6Address) {
}
