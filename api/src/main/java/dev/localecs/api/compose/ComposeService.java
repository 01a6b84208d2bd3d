package dev.localecs.api.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * One compose service (one ECS container, or the task's pause container), in normalised long form.
 *
 * @param image the image
 * @param build how to build the image before the task starts
 * @param command the command (a string is split as a shell would)
 * @param entrypoint the entrypoint (a string is split as a shell would)
 * @param environment environment variables; a {@code null} value is set by the runtime at start (secrets)
 * @param envFile files of {@code KEY=value} lines
 * @param labels container labels
 * @param ports published ports
 * @param expose ports exposed without publishing
 * @param volumes mounts
 * @param volumesFrom services (or {@code container:<name>}) whose volumes are mounted too
 * @param tmpfs tmpfs mounts ({@code path[:options]})
 * @param networks networks joined, with aliases and fixed addresses
 * @param networkMode {@code bridge}, {@code host}, {@code none}, {@code service:<name>} or {@code container:<name>}
 * @param dependsOn services started first, with the condition to wait for
 * @param healthcheck the health check
 * @param logging the log driver and its options
 * @param ulimits resource limits by name
 * @param sysctls kernel parameters
 * @param capAdd capabilities added
 * @param capDrop capabilities dropped
 * @param devices host devices ({@code host:container[:permissions]})
 * @param dns DNS servers
 * @param dnsSearch DNS search domains
 * @param extraHosts {@code /etc/hosts} entries ({@code host:ip})
 * @param hostname the hostname
 * @param user the user
 * @param workingDir the working directory
 * @param privileged whether the container is privileged
 * @param readOnly whether the root file system is read-only
 * @param init whether an init process reaps zombies
 * @param shmSize size of {@code /dev/shm}
 * @param stdinOpen whether stdin stays open
 * @param tty whether a pseudo-terminal is allocated
 * @param pid the PID namespace ({@code host}, {@code service:<name>})
 * @param ipc the IPC namespace ({@code host}, {@code shareable}, {@code service:<name>}, {@code none})
 * @param memLimit hard memory limit, e.g. {@code 512m}
 * @param memReservation soft memory limit
 * @param memswapLimit memory plus swap limit
 * @param memSwappiness swappiness 0–100
 * @param cpuShares relative CPU weight
 * @param cpus CPU quota in cores
 * @param stopGracePeriod time between the stop signal and SIGKILL, e.g. {@code 30s}
 * @param stopSignal the stop signal
 * @param securityOpt security options
 * @param platform the image platform
 * @param links legacy links ({@code service[:alias]})
 * @param restart the restart policy
 * @param containerName a fixed container name
 * @param pullPolicy when to pull the image
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComposeService(
        String image,
        Build build,
        @JsonDeserialize(using = ComposeSyntax.Command.class) List<String> command,
        @JsonDeserialize(using = ComposeSyntax.Command.class) List<String> entrypoint,
        @JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
        @JsonDeserialize(using = ComposeSyntax.KeyValues.class) Map<String, String> environment,
        @JsonProperty("env_file") @JsonDeserialize(using = ComposeSyntax.Strings.class) List<String> envFile,
        @JsonDeserialize(using = ComposeSyntax.KeyValues.class) Map<String, String> labels,
        @JsonDeserialize(using = ComposeSyntax.Ports.class) List<Port> ports,
        @JsonDeserialize(using = ComposeSyntax.Strings.class) List<String> expose,
        List<Mount> volumes,
        @JsonProperty("volumes_from") List<String> volumesFrom,
        @JsonDeserialize(using = ComposeSyntax.Strings.class) List<String> tmpfs,
        @JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
        @JsonDeserialize(using = ComposeSyntax.Networks.class) Map<String, ServiceNetwork> networks,
        @JsonProperty("network_mode") String networkMode,
        @JsonProperty("depends_on") @JsonDeserialize(using = ComposeSyntax.DependsOn.class)
        Map<String, Dependency> dependsOn,
        Healthcheck healthcheck,
        Logging logging,
        Map<String, Ulimit> ulimits,
        @JsonDeserialize(using = ComposeSyntax.KeyValues.class) Map<String, String> sysctls,
        @JsonProperty("cap_add") List<String> capAdd,
        @JsonProperty("cap_drop") List<String> capDrop,
        @JsonDeserialize(using = ComposeSyntax.Devices.class) List<String> devices,
        @JsonDeserialize(using = ComposeSyntax.Strings.class) List<String> dns,
        @JsonProperty("dns_search") @JsonDeserialize(using = ComposeSyntax.Strings.class) List<String> dnsSearch,
        @JsonProperty("extra_hosts") @JsonDeserialize(using = ComposeSyntax.ExtraHosts.class) List<String> extraHosts,
        String hostname,
        String user,
        @JsonProperty("working_dir") String workingDir,
        Boolean privileged,
        @JsonProperty("read_only") Boolean readOnly,
        Boolean init,
        @JsonProperty("shm_size") String shmSize,
        @JsonProperty("stdin_open") Boolean stdinOpen,
        Boolean tty,
        String pid,
        String ipc,
        @JsonProperty("mem_limit") String memLimit,
        @JsonProperty("mem_reservation") String memReservation,
        @JsonProperty("memswap_limit") String memswapLimit,
        @JsonProperty("mem_swappiness") Integer memSwappiness,
        @JsonProperty("cpu_shares") Integer cpuShares,
        Double cpus,
        @JsonProperty("stop_grace_period") String stopGracePeriod,
        @JsonProperty("stop_signal") String stopSignal,
        @JsonProperty("security_opt") List<String> securityOpt,
        String platform,
        List<String> links,
        String restart,
        @JsonProperty("container_name") String containerName,
        @JsonProperty("pull_policy") String pullPolicy) {

    /**
     * A builder with every component unset.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this service.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.image = image;
        builder.build = build;
        builder.command = command;
        builder.entrypoint = entrypoint;
        builder.environment = environment;
        builder.envFile = envFile;
        builder.labels = labels;
        builder.ports = ports;
        builder.expose = expose;
        builder.volumes = volumes;
        builder.volumesFrom = volumesFrom;
        builder.tmpfs = tmpfs;
        builder.networks = networks;
        builder.networkMode = networkMode;
        builder.dependsOn = dependsOn;
        builder.healthcheck = healthcheck;
        builder.logging = logging;
        builder.ulimits = ulimits;
        builder.sysctls = sysctls;
        builder.capAdd = capAdd;
        builder.capDrop = capDrop;
        builder.devices = devices;
        builder.dns = dns;
        builder.dnsSearch = dnsSearch;
        builder.extraHosts = extraHosts;
        builder.hostname = hostname;
        builder.user = user;
        builder.workingDir = workingDir;
        builder.privileged = privileged;
        builder.readOnly = readOnly;
        builder.init = init;
        builder.shmSize = shmSize;
        builder.stdinOpen = stdinOpen;
        builder.tty = tty;
        builder.pid = pid;
        builder.ipc = ipc;
        builder.memLimit = memLimit;
        builder.memReservation = memReservation;
        builder.memswapLimit = memswapLimit;
        builder.memSwappiness = memSwappiness;
        builder.cpuShares = cpuShares;
        builder.cpus = cpus;
        builder.stopGracePeriod = stopGracePeriod;
        builder.stopSignal = stopSignal;
        builder.securityOpt = securityOpt;
        builder.platform = platform;
        builder.links = links;
        builder.restart = restart;
        builder.containerName = containerName;
        builder.pullPolicy = pullPolicy;
        return builder;
    }

    /** Builds a {@link ComposeService} one component at a time. */
    public static final class Builder {
        private String image;
        private Build build;
        private List<String> command;
        private List<String> entrypoint;
        private Map<String, String> environment;
        private List<String> envFile;
        private Map<String, String> labels;
        private List<Port> ports;
        private List<String> expose;
        private List<Mount> volumes;
        private List<String> volumesFrom;
        private List<String> tmpfs;
        private Map<String, ServiceNetwork> networks;
        private String networkMode;
        private Map<String, Dependency> dependsOn;
        private Healthcheck healthcheck;
        private Logging logging;
        private Map<String, Ulimit> ulimits;
        private Map<String, String> sysctls;
        private List<String> capAdd;
        private List<String> capDrop;
        private List<String> devices;
        private List<String> dns;
        private List<String> dnsSearch;
        private List<String> extraHosts;
        private String hostname;
        private String user;
        private String workingDir;
        private Boolean privileged;
        private Boolean readOnly;
        private Boolean init;
        private String shmSize;
        private Boolean stdinOpen;
        private Boolean tty;
        private String pid;
        private String ipc;
        private String memLimit;
        private String memReservation;
        private String memswapLimit;
        private Integer memSwappiness;
        private Integer cpuShares;
        private Double cpus;
        private String stopGracePeriod;
        private String stopSignal;
        private List<String> securityOpt;
        private String platform;
        private List<String> links;
        private String restart;
        private String containerName;
        private String pullPolicy;

        private Builder() {
        }

        /**
         * Sets {@code image}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder image(String value) {
            this.image = value;
            return this;
        }

        /**
         * Sets {@code build}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder build(Build value) {
            this.build = value;
            return this;
        }

        /**
         * Sets {@code command}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder command(List<String> value) {
            this.command = value;
            return this;
        }

        /**
         * Sets {@code entrypoint}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder entrypoint(List<String> value) {
            this.entrypoint = value;
            return this;
        }

        /**
         * Sets {@code environment}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder environment(Map<String, String> value) {
            this.environment = value;
            return this;
        }

        /**
         * Sets {@code envFile}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder envFile(List<String> value) {
            this.envFile = value;
            return this;
        }

        /**
         * Sets {@code labels}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        /**
         * Sets {@code ports}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder ports(List<Port> value) {
            this.ports = value;
            return this;
        }

        /**
         * Sets {@code expose}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder expose(List<String> value) {
            this.expose = value;
            return this;
        }

        /**
         * Sets {@code volumes}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder volumes(List<Mount> value) {
            this.volumes = value;
            return this;
        }

        /**
         * Sets {@code volumesFrom}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder volumesFrom(List<String> value) {
            this.volumesFrom = value;
            return this;
        }

        /**
         * Sets {@code tmpfs}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder tmpfs(List<String> value) {
            this.tmpfs = value;
            return this;
        }

        /**
         * Sets {@code networks}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder networks(Map<String, ServiceNetwork> value) {
            this.networks = value;
            return this;
        }

        /**
         * Sets {@code networkMode}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder networkMode(String value) {
            this.networkMode = value;
            return this;
        }

        /**
         * Sets {@code dependsOn}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder dependsOn(Map<String, Dependency> value) {
            this.dependsOn = value;
            return this;
        }

        /**
         * Sets {@code healthcheck}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder healthcheck(Healthcheck value) {
            this.healthcheck = value;
            return this;
        }

        /**
         * Sets {@code logging}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder logging(Logging value) {
            this.logging = value;
            return this;
        }

        /**
         * Sets {@code ulimits}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder ulimits(Map<String, Ulimit> value) {
            this.ulimits = value;
            return this;
        }

        /**
         * Sets {@code sysctls}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder sysctls(Map<String, String> value) {
            this.sysctls = value;
            return this;
        }

        /**
         * Sets {@code capAdd}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder capAdd(List<String> value) {
            this.capAdd = value;
            return this;
        }

        /**
         * Sets {@code capDrop}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder capDrop(List<String> value) {
            this.capDrop = value;
            return this;
        }

        /**
         * Sets {@code devices}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder devices(List<String> value) {
            this.devices = value;
            return this;
        }

        /**
         * Sets {@code dns}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder dns(List<String> value) {
            this.dns = value;
            return this;
        }

        /**
         * Sets {@code dnsSearch}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder dnsSearch(List<String> value) {
            this.dnsSearch = value;
            return this;
        }

        /**
         * Sets {@code extraHosts}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder extraHosts(List<String> value) {
            this.extraHosts = value;
            return this;
        }

        /**
         * Sets {@code hostname}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder hostname(String value) {
            this.hostname = value;
            return this;
        }

        /**
         * Sets {@code user}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /**
         * Sets {@code workingDir}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder workingDir(String value) {
            this.workingDir = value;
            return this;
        }

        /**
         * Sets {@code privileged}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder privileged(Boolean value) {
            this.privileged = value;
            return this;
        }

        /**
         * Sets {@code readOnly}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder readOnly(Boolean value) {
            this.readOnly = value;
            return this;
        }

        /**
         * Sets {@code init}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder init(Boolean value) {
            this.init = value;
            return this;
        }

        /**
         * Sets {@code shmSize}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder shmSize(String value) {
            this.shmSize = value;
            return this;
        }

        /**
         * Sets {@code stdinOpen}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder stdinOpen(Boolean value) {
            this.stdinOpen = value;
            return this;
        }

        /**
         * Sets {@code tty}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder tty(Boolean value) {
            this.tty = value;
            return this;
        }

        /**
         * Sets {@code pid}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder pid(String value) {
            this.pid = value;
            return this;
        }

        /**
         * Sets {@code ipc}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder ipc(String value) {
            this.ipc = value;
            return this;
        }

        /**
         * Sets {@code memLimit}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder memLimit(String value) {
            this.memLimit = value;
            return this;
        }

        /**
         * Sets {@code memReservation}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder memReservation(String value) {
            this.memReservation = value;
            return this;
        }

        /**
         * Sets {@code memswapLimit}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder memswapLimit(String value) {
            this.memswapLimit = value;
            return this;
        }

        /**
         * Sets {@code memSwappiness}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder memSwappiness(Integer value) {
            this.memSwappiness = value;
            return this;
        }

        /**
         * Sets {@code cpuShares}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder cpuShares(Integer value) {
            this.cpuShares = value;
            return this;
        }

        /**
         * Sets {@code cpus}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder cpus(Double value) {
            this.cpus = value;
            return this;
        }

        /**
         * Sets {@code stopGracePeriod}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder stopGracePeriod(String value) {
            this.stopGracePeriod = value;
            return this;
        }

        /**
         * Sets {@code stopSignal}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder stopSignal(String value) {
            this.stopSignal = value;
            return this;
        }

        /**
         * Sets {@code securityOpt}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder securityOpt(List<String> value) {
            this.securityOpt = value;
            return this;
        }

        /**
         * Sets {@code platform}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder platform(String value) {
            this.platform = value;
            return this;
        }

        /**
         * Sets {@code links}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder links(List<String> value) {
            this.links = value;
            return this;
        }

        /**
         * Sets {@code restart}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder restart(String value) {
            this.restart = value;
            return this;
        }

        /**
         * Sets {@code containerName}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder containerName(String value) {
            this.containerName = value;
            return this;
        }

        /**
         * Sets {@code pullPolicy}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder pullPolicy(String value) {
            this.pullPolicy = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         */
        public ComposeService build() {
            return new ComposeService(image, build, command, entrypoint, environment, envFile, labels, ports, expose, volumes, volumesFrom, tmpfs, networks, networkMode, dependsOn, healthcheck, logging, ulimits, sysctls, capAdd, capDrop, devices, dns, dnsSearch, extraHosts, hostname, user, workingDir, privileged, readOnly, init, shmSize, stdinOpen, tty, pid, ipc, memLimit, memReservation, memswapLimit, memSwappiness, cpuShares, cpus, stopGracePeriod, stopSignal, securityOpt, platform, links, restart, containerName, pullPolicy);
        }
    }

    /**
     * A build section.
     *
     * @param context the build context folder
     * @param dockerfile the Dockerfile, relative to the context
     * @param args build arguments
     * @param target the build stage
     * @param labels image labels
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Build(String context, String dockerfile,
                        @JsonDeserialize(using = ComposeSyntax.KeyValues.class) Map<String, String> args,
                        String target, @JsonDeserialize(using = ComposeSyntax.KeyValues.class) Map<String, String> labels) {

        /**
         * {@code build: ./dir} is {@code build: {context: ./dir}}.
         *
         * @param context the context
         * @return the build section
         */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static Build ofContext(String context) {
            return new Build(context, null, null, null, null);
        }
    }

    /**
     * A published port (long syntax).
     *
     * @param target the container port (or range)
     * @param published the host port (or range); absent for an ephemeral host port
     * @param hostIp the host address to bind
     * @param protocol {@code tcp} or {@code udp}
     * @param mode {@code host} or {@code ingress}
     * @param name a name for the port
     * @param appProtocol the application protocol
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Port(String target, String published, @JsonProperty("host_ip") String hostIp, String protocol,
                       String mode, String name, @JsonProperty("app_protocol") String appProtocol) {

        /**
         * Reads the short syntax {@code [[ip:]published:]target[/protocol]} (numbers allowed).
         *
         * @param text the short form
         * @return the port
         */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static Port parse(String text) {
            return ComposeSyntax.port(text);
        }
    }

    /**
     * A mount (long syntax).
     *
     * @param type {@code bind}, {@code volume} or {@code tmpfs}
     * @param source the host path or volume name (absent: an anonymous volume)
     * @param target the container path
     * @param readOnly whether it is mounted read-only
     * @param bind bind options
     * @param volume volume options
     * @param tmpfs tmpfs options
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Mount(String type, String source, String target, @JsonProperty("read_only") Boolean readOnly,
                        BindOptions bind, VolumeOptions volume, TmpfsOptions tmpfs) {

        /**
         * Reads the short syntax {@code [source:]target[:mode]}.
         *
         * @param text the short form
         * @return the mount
         */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static Mount parse(String text) {
            return ComposeSyntax.mount(text);
        }
    }

    /**
     * Bind mount options.
     *
     * @param propagation mount propagation
     * @param createHostPath whether a missing host path is created
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BindOptions(String propagation, @JsonProperty("create_host_path") Boolean createHostPath) {
    }

    /**
     * Volume mount options.
     *
     * @param nocopy whether the image content is not copied into a new volume
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record VolumeOptions(Boolean nocopy) {
    }

    /**
     * Tmpfs mount options.
     *
     * @param size size in bytes
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record TmpfsOptions(Long size) {
    }

    /**
     * How a service joins one network.
     *
     * @param aliases extra DNS names on that network
     * @param ipv4Address a fixed address
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ServiceNetwork(List<String> aliases, @JsonProperty("ipv4_address") String ipv4Address) {
    }

    /**
     * What a dependency must reach before the service starts.
     *
     * @param condition {@code service_started}, {@code service_healthy} or {@code service_completed_successfully}
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Dependency(String condition) {
    }

    /**
     * A health check.
     *
     * @param test the command: {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]}
     * @param interval time between checks, e.g. {@code 30s}
     * @param timeout time a check may take
     * @param retries failures before unhealthy
     * @param startPeriod grace period after start
     * @param disable whether health checks are off
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Healthcheck(@JsonDeserialize(using = ComposeSyntax.HealthTest.class) List<String> test,
                              String interval, String timeout, Integer retries,
                              @JsonProperty("start_period") String startPeriod, Boolean disable) {
    }

    /**
     * The log driver.
     *
     * @param driver the driver, e.g. {@code json-file}
     * @param options driver options
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Logging(String driver, Map<String, String> options) {
    }

    /**
     * A resource limit.
     *
     * @param soft the soft limit
     * @param hard the hard limit
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Ulimit(Long soft, Long hard) {

        /**
         * {@code nofile: 1024} sets both limits.
         *
         * @param both the value
         * @return the limit
         */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static Ulimit of(long both) {
            return new Ulimit(both, both);
        }
    }
}
