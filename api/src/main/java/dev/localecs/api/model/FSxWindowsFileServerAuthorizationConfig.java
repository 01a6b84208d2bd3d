package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The authorization configuration details for Amazon FSx for Windows File Server file system.
 *
 * @param credentialsParameter The authorization credential option to use.
 * @param domain A fully qualified domain name hosted by an Directory Service Managed Microsoft AD (Active Directory) or self-hosted AD on Amazon EC2.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FSxWindowsFileServerAuthorizationConfig(
        String credentialsParameter,
        String domain) {
}
