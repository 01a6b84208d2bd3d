package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Container definitions are used in task definitions to describe the different containers that are launched as part of a task.
 *
 * @param name The name of a container.
 * @param image The image used to start a container.
 * @param repositoryCredentials The private repository authentication credentials to use.
 * @param cpu The number of cpu units reserved for the container.
 * @param memory The amount (in MiB) of memory to present to the container.
 * @param memoryReservation The soft limit (in MiB) of memory to reserve for the container.
 * @param links The links parameter allows containers to communicate with each other without the need for port mappings.
 * @param portMappings The list of port mappings for the container.
 * @param essential If the essential parameter of a container is marked as true, and that container fails or stops for any reason, all other containers that are part of the task are stopped.
 * @param restartPolicy The restart policy for a container.
 * @param entryPoint Early versions of the Amazon ECS container agent don't properly handle entryPoint parameters.
 * @param command The command that's passed to the container.
 * @param environment The environment variables to pass to a container.
 * @param environmentFiles A list of files containing the environment variables to pass to a container.
 * @param mountPoints The mount points for data volumes in your container.
 * @param volumesFrom Data volumes to mount from another container.
 * @param linuxParameters Linux-specific modifications that are applied to the default Docker container configuration, such as Linux kernel capabilities.
 * @param secrets The secrets to pass to the container.
 * @param dependsOn The dependencies defined for container startup and shutdown.
 * @param startTimeout Time duration (in seconds) to wait before giving up on resolving dependencies for a container.
 * @param stopTimeout Time duration (in seconds) to wait before the container is forcefully killed if it doesn't exit normally on its own.
 * @param versionConsistency Specifies whether Amazon ECS will resolve the container image tag provided in the container definition to an image digest.
 * @param hostname The hostname to use for your container.
 * @param user The user to use inside the container.
 * @param workingDirectory The working directory to run commands inside the container in.
 * @param disableNetworking When this parameter is true, networking is off within the container.
 * @param privileged When this parameter is true, the container is given elevated privileges on the host container instance (similar to the root user).
 * @param readonlyRootFilesystem When this parameter is true, the container is given read-only access to its root file system.
 * @param dnsServers A list of DNS servers that are presented to the container.
 * @param dnsSearchDomains A list of DNS search domains that are presented to the container.
 * @param extraHosts A list of hostnames and IP address mappings to append to the /etc/hosts file on the container.
 * @param dockerSecurityOptions A list of strings to provide custom configuration for multiple security systems.
 * @param interactive When this parameter is true, you can deploy containerized applications that require stdin or a tty to be allocated.
 * @param pseudoTerminal When this parameter is true, a TTY is allocated.
 * @param dockerLabels A key/value map of labels to add to the container.
 * @param ulimits A list of ulimits to set in the container.
 * @param logConfiguration The log configuration specification for the container.
 * @param healthCheck The container health check command and associated configuration parameters for the container.
 * @param systemControls A list of namespaced kernel parameters to set in the container.
 * @param resourceRequirements The type and amount of a resource to assign to a container.
 * @param firelensConfiguration The FireLens configuration for the container.
 * @param credentialSpecs A list of ARNs in SSM or Amazon S3 to a credential spec (CredSpec) file that configures the container for Active Directory authentication.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerDefinition(
        String name,
        String image,
        RepositoryCredentials repositoryCredentials,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        List<String> links,
        List<PortMapping> portMappings,
        Boolean essential,
        ContainerRestartPolicy restartPolicy,
        List<String> entryPoint,
        List<String> command,
        List<KeyValuePair> environment,
        List<EnvironmentFile> environmentFiles,
        List<MountPoint> mountPoints,
        List<VolumeFrom> volumesFrom,
        LinuxParameters linuxParameters,
        List<Secret> secrets,
        List<ContainerDependency> dependsOn,
        Integer startTimeout,
        Integer stopTimeout,
        String versionConsistency,
        String hostname,
        String user,
        String workingDirectory,
        Boolean disableNetworking,
        Boolean privileged,
        Boolean readonlyRootFilesystem,
        List<String> dnsServers,
        List<String> dnsSearchDomains,
        List<HostEntry> extraHosts,
        List<String> dockerSecurityOptions,
        Boolean interactive,
        Boolean pseudoTerminal,
        Map<String, String> dockerLabels,
        List<Ulimit> ulimits,
        LogConfiguration logConfiguration,
        HealthCheck healthCheck,
        List<SystemControl> systemControls,
        List<ResourceRequirement> resourceRequirements,
        FirelensConfiguration firelensConfiguration,
        List<String> credentialSpecs) {
}
