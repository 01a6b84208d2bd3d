package dev.localecs.api.compose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
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
        for (int i = 0; i < Builder.COMPONENTS.length; i++) {
            try {
                builder.values[i] = Builder.COMPONENTS[i].getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + Builder.COMPONENTS[i].getName(), e);
            }
        }
        return builder;
    }

    /**
     * Builds a {@link ComposeService} one component at a time; each setter is named after its component and
     * sets it to the given value (null unsets it).
     */
    public static final class Builder {
        private static final RecordComponent[] COMPONENTS = ComposeService.class.getRecordComponents();
        private static final Constructor<ComposeService> CANONICAL = canonical();
        private final Object[] values = new Object[COMPONENTS.length];

        private Builder() {
        }

        private static Constructor<ComposeService> canonical() {
            try {
                return ComposeService.class.getDeclaredConstructor(Arrays.stream(COMPONENTS)
                        .map(RecordComponent::getType).toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        private Builder set(String component, Object value) {
            for (int i = 0; i < COMPONENTS.length; i++) {
                if (COMPONENTS[i].getName().equals(component)) {
                    values[i] = value;
                    return this;
                }
            }
            throw new IllegalArgumentException("No component " + component);
        }

        /**
         * Builds the service.
         *
         * @return the service
         */
        public ComposeService build() {
            try {
                return CANONICAL.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot build a compose service", e);
            }
        }

        /** @param value {@code image} @return this builder */
        public Builder image(String value) {
            return set("image", value);
        }

        /** @param value {@code build} @return this builder */
        public Builder build(Build value) {
            return set("build", value);
        }

        /** @param value {@code command} @return this builder */
        public Builder command(List<String> value) {
            return set("command", value);
        }

        /** @param value {@code entrypoint} @return this builder */
        public Builder entrypoint(List<String> value) {
            return set("entrypoint", value);
        }

        /** @param value {@code environment} @return this builder */
        public Builder environment(Map<String, String> value) {
            return set("environment", value);
        }

        /** @param value {@code envFile} @return this builder */
        public Builder envFile(List<String> value) {
            return set("envFile", value);
        }

        /** @param value {@code labels} @return this builder */
        public Builder labels(Map<String, String> value) {
            return set("labels", value);
        }

        /** @param value {@code ports} @return this builder */
        public Builder ports(List<Port> value) {
            return set("ports", value);
        }

        /** @param value {@code expose} @return this builder */
        public Builder expose(List<String> value) {
            return set("expose", value);
        }

        /** @param value {@code volumes} @return this builder */
        public Builder volumes(List<Mount> value) {
            return set("volumes", value);
        }

        /** @param value {@code volumesFrom} @return this builder */
        public Builder volumesFrom(List<String> value) {
            return set("volumesFrom", value);
        }

        /** @param value {@code tmpfs} @return this builder */
        public Builder tmpfs(List<String> value) {
            return set("tmpfs", value);
        }

        /** @param value {@code networks} @return this builder */
        public Builder networks(Map<String, ServiceNetwork> value) {
            return set("networks", value);
        }

        /** @param value {@code networkMode} @return this builder */
        public Builder networkMode(String value) {
            return set("networkMode", value);
        }

        /** @param value {@code dependsOn} @return this builder */
        public Builder dependsOn(Map<String, Dependency> value) {
            return set("dependsOn", value);
        }

        /** @param value {@code healthcheck} @return this builder */
        public Builder healthcheck(Healthcheck value) {
            return set("healthcheck", value);
        }

        /** @param value {@code logging} @return this builder */
        public Builder logging(Logging value) {
            return set("logging", value);
        }

        /** @param value {@code ulimits} @return this builder */
        public Builder ulimits(Map<String, Ulimit> value) {
            return set("ulimits", value);
        }

        /** @param value {@code sysctls} @return this builder */
        public Builder sysctls(Map<String, String> value) {
            return set("sysctls", value);
        }

        /** @param value {@code capAdd} @return this builder */
        public Builder capAdd(List<String> value) {
            return set("capAdd", value);
        }

        /** @param value {@code capDrop} @return this builder */
        public Builder capDrop(List<String> value) {
            return set("capDrop", value);
        }

        /** @param value {@code devices} @return this builder */
        public Builder devices(List<String> value) {
            return set("devices", value);
        }

        /** @param value {@code dns} @return this builder */
        public Builder dns(List<String> value) {
            return set("dns", value);
        }

        /** @param value {@code dnsSearch} @return this builder */
        public Builder dnsSearch(List<String> value) {
            return set("dnsSearch", value);
        }

        /** @param value {@code extraHosts} @return this builder */
        public Builder extraHosts(List<String> value) {
            return set("extraHosts", value);
        }

        /** @param value {@code hostname} @return this builder */
        public Builder hostname(String value) {
            return set("hostname", value);
        }

        /** @param value {@code user} @return this builder */
        public Builder user(String value) {
            return set("user", value);
        }

        /** @param value {@code workingDir} @return this builder */
        public Builder workingDir(String value) {
            return set("workingDir", value);
        }

        /** @param value {@code privileged} @return this builder */
        public Builder privileged(Boolean value) {
            return set("privileged", value);
        }

        /** @param value {@code readOnly} @return this builder */
        public Builder readOnly(Boolean value) {
            return set("readOnly", value);
        }

        /** @param value {@code init} @return this builder */
        public Builder init(Boolean value) {
            return set("init", value);
        }

        /** @param value {@code shmSize} @return this builder */
        public Builder shmSize(String value) {
            return set("shmSize", value);
        }

        /** @param value {@code stdinOpen} @return this builder */
        public Builder stdinOpen(Boolean value) {
            return set("stdinOpen", value);
        }

        /** @param value {@code tty} @return this builder */
        public Builder tty(Boolean value) {
            return set("tty", value);
        }

        /** @param value {@code pid} @return this builder */
        public Builder pid(String value) {
            return set("pid", value);
        }

        /** @param value {@code ipc} @return this builder */
        public Builder ipc(String value) {
            return set("ipc", value);
        }

        /** @param value {@code memLimit} @return this builder */
        public Builder memLimit(String value) {
            return set("memLimit", value);
        }

        /** @param value {@code memReservation} @return this builder */
        public Builder memReservation(String value) {
            return set("memReservation", value);
        }

        /** @param value {@code memswapLimit} @return this builder */
        public Builder memswapLimit(String value) {
            return set("memswapLimit", value);
        }

        /** @param value {@code memSwappiness} @return this builder */
        public Builder memSwappiness(Integer value) {
            return set("memSwappiness", value);
        }

        /** @param value {@code cpuShares} @return this builder */
        public Builder cpuShares(Integer value) {
            return set("cpuShares", value);
        }

        /** @param value {@code cpus} @return this builder */
        public Builder cpus(Double value) {
            return set("cpus", value);
        }

        /** @param value {@code stopGracePeriod} @return this builder */
        public Builder stopGracePeriod(String value) {
            return set("stopGracePeriod", value);
        }

        /** @param value {@code stopSignal} @return this builder */
        public Builder stopSignal(String value) {
            return set("stopSignal", value);
        }

        /** @param value {@code securityOpt} @return this builder */
        public Builder securityOpt(List<String> value) {
            return set("securityOpt", value);
        }

        /** @param value {@code platform} @return this builder */
        public Builder platform(String value) {
            return set("platform", value);
        }

        /** @param value {@code links} @return this builder */
        public Builder links(List<String> value) {
            return set("links", value);
        }

        /** @param value {@code restart} @return this builder */
        public Builder restart(String value) {
            return set("restart", value);
        }

        /** @param value {@code containerName} @return this builder */
        public Builder containerName(String value) {
            return set("containerName", value);
        }

        /** @param value {@code pullPolicy} @return this builder */
        public Builder pullPolicy(String value) {
            return set("pullPolicy", value);
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
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
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
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
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
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
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
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Ulimit of(long both) {
            return new Ulimit(both, both);
        }
    }
}
