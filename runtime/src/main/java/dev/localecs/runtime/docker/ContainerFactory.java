package dev.localecs.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.runtime.tasks.LaunchValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compose service as a docker-java create command: every key of the compose model the converter and
 * drop-in files use, plus compose's own labels so {@code docker compose -p <project> ps/logs} work.
 */
final class ContainerFactory {
    private final DockerClient docker;
    private final String publishHostIp;

    ContainerFactory(DockerClient docker, String publishHostIp) {
        this.docker = docker;
        this.publishHostIp = publishHostIp;
    }

    /** The create command and the networks to connect after creation (name → service network options). */
    record Prepared(CreateContainerCmd command, Map<String, ComposeService.ServiceNetwork> extraNetworks) {
    }

    Prepared prepare(ComposeProject compose, String project, Path projectDir, String name, ComposeService s,
                     Map<String, String> created, String image, LaunchValues values) {
        Map<String, String> labels = new LinkedHashMap<>(s.labels() == null ? Map.of() : s.labels());
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.service", name);
        labels.put("com.docker.compose.container-number", "1");
        labels.put("com.docker.compose.oneoff", "False");
        labels.put("com.docker.compose.project.working_dir", projectDir.toString());
        labels.put("com.docker.compose.project.config_files",
                projectDir.resolve("docker-compose.ecs-local.effective.yml").toString());
        CreateContainerCmd cmd = docker.createContainerCmd(image)
                .withName(ProjectNames.container(project, name))
                .withLabels(labels);
        Map<String, String> environment = new LinkedHashMap<>();
        if (s.environment() != null) {
            s.environment().forEach((key, value) -> {
                if (value != null) {
                    environment.put(key, value);
                }
            });
        }
        environment.putAll(values.environment());
        if (!environment.isEmpty()) {
            List<String> env = new ArrayList<>();
            environment.forEach((key, value) -> env.add(key + "=" + value));
            cmd.withEnv(env);
        }
        if (s.command() != null) {
            cmd.withCmd(s.command());
        }
        if (s.entrypoint() != null) {
            cmd.withEntrypoint(s.entrypoint());
        }
        // docker-java refuses nulls in these setters
        if (s.user() != null) {
            cmd.withUser(s.user());
        }
        if (s.workingDir() != null) {
            cmd.withWorkingDir(s.workingDir());
        }
        if (s.tty() != null) {
            cmd.withTty(s.tty());
        }
        if (s.stdinOpen() != null) {
            cmd.withStdinOpen(s.stdinOpen());
        }
        if (s.stopSignal() != null) {
            cmd.withStopSignal(s.stopSignal());
        }
        if (s.hostname() != null) {
            cmd.withHostName(s.hostname());
        }
        if (s.stopGracePeriod() != null) {
            cmd.withStopTimeout((int) (Quantities.nanos(s.stopGracePeriod()) / 1_000_000_000L));
        }
        if (s.healthcheck() != null && s.healthcheck().test() != null) {
            ComposeService.Healthcheck h = s.healthcheck();
            HealthCheck check = new HealthCheck().withTest(h.test());
            if (h.interval() != null) {
                check.withInterval(Quantities.nanos(h.interval()));
            }
            if (h.timeout() != null) {
                check.withTimeout(Quantities.nanos(h.timeout()));
            }
            if (h.retries() != null) {
                check.withRetries(h.retries());
            }
            if (h.startPeriod() != null) {
                check.withStartPeriod(Quantities.nanos(h.startPeriod()));
            }
            cmd.withHealthcheck(check);
        }

        HostConfig host = HostConfig.newHostConfig();
        Map<String, ComposeService.ServiceNetwork> extra = networking(compose, project, s, created, cmd, host);
        ports(s, cmd, host);
        mounts(compose, project, projectDir, s, host);
        if (s.volumesFrom() != null) {
            host.withVolumesFrom(s.volumesFrom().stream().map(from -> {
                String[] parts = from.split(":");
                String source = created.getOrDefault(parts[0], ProjectNames.container(project, parts[0]));
                return new VolumesFrom(source, parts.length > 1 && parts[1].equals("ro") ? AccessMode.ro : AccessMode.rw);
            }).toArray(VolumesFrom[]::new));
        }
        if (s.tmpfs() != null) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            s.tmpfs().forEach(entry -> {
                int colon = entry.indexOf(':');
                tmpfs.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
            });
            host.withTmpFs(tmpfs);
        }
        if (s.capAdd() != null) {
            host.withCapAdd(s.capAdd().stream().map(ContainerFactory::capability).toArray(Capability[]::new));
        }
        if (s.capDrop() != null) {
            host.withCapDrop(s.capDrop().stream().map(ContainerFactory::capability).toArray(Capability[]::new));
        }
        if (s.devices() != null) {
            host.withDevices(s.devices().stream().map(Device::parse).toList());
        }
        if (s.dns() != null) {
            host.withDns(s.dns());
        }
        if (s.dnsSearch() != null) {
            host.withDnsSearch(s.dnsSearch());
        }
        if (s.extraHosts() != null) {
            host.withExtraHosts(s.extraHosts().toArray(String[]::new));
        }
        if (s.links() != null) {
            host.withLinks(s.links().stream().map(link -> {
                String[] parts = link.split(":");
                return new Link(ProjectNames.container(project, parts[0]), parts.length > 1 ? parts[1] : parts[0]);
            }).toList());
        }
        if (s.privileged() != null) {
            host.withPrivileged(s.privileged());
        }
        if (s.readOnly() != null) {
            host.withReadonlyRootfs(s.readOnly());
        }
        if (s.init() != null) {
            host.withInit(s.init());
        }
        if (s.securityOpt() != null) {
            host.withSecurityOpts(s.securityOpt());
        }
        if (s.cpuShares() != null) {
            host.withCpuShares(s.cpuShares());
        }
        if (s.shmSize() != null) {
            host.withShmSize(Quantities.bytes(s.shmSize()));
        }
        if (s.pid() != null) {
            host.withPidMode(reference(s.pid(), created));
        }
        if (s.ipc() != null) {
            host.withIpcMode(reference(s.ipc(), created));
        }
        if (s.memLimit() != null) {
            host.withMemory(Quantities.bytes(s.memLimit()));
        }
        if (s.memReservation() != null) {
            host.withMemoryReservation(Quantities.bytes(s.memReservation()));
        }
        if (s.memswapLimit() != null) {
            host.withMemorySwap(Quantities.bytes(s.memswapLimit()));
        }
        if (s.memSwappiness() != null) {
            host.withMemorySwappiness(s.memSwappiness().longValue());
        }
        if (s.cpus() != null) {
            host.withNanoCPUs((long) (s.cpus() * 1_000_000_000L));
        }
        if (s.ulimits() != null) {
            host.withUlimits(s.ulimits().entrySet().stream()
                    .map(e -> new Ulimit(e.getKey(), e.getValue().soft(), e.getValue().hard())).toList());
        }
        if (s.sysctls() != null) {
            host.withSysctls(s.sysctls());
        }
        if (s.logging() != null && s.logging().driver() != null) {
            Map<String, String> options = new LinkedHashMap<>(s.logging().options() == null ? Map.of()
                    : s.logging().options());
            // secretOptions resolved at launch: given to Docker here, never written to the compose file
            options.putAll(values.logOptions());
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(s.logging().driver()),
                    options.isEmpty() && s.logging().options() == null ? null : options));
        }
        cmd.withHostConfig(host);
        return new Prepared(cmd, extra);
    }

    private static Map<String, ComposeService.ServiceNetwork> networking(ComposeProject compose, String project,
            ComposeService s, Map<String, String> created, CreateContainerCmd cmd, HostConfig host) {
        Map<String, ComposeService.ServiceNetwork> extra = new LinkedHashMap<>();
        if (s.networkMode() != null) {
            host.withNetworkMode(reference(s.networkMode(), created));
            return extra;
        }
        Map<String, ComposeService.ServiceNetwork> networks = s.networks() == null || s.networks().isEmpty()
                ? Map.of("default", new ComposeService.ServiceNetwork(null, null)) : s.networks();
        boolean first = true;
        for (Map.Entry<String, ComposeService.ServiceNetwork> entry : networks.entrySet()) {
            String name = ProjectNames.network(compose, project, entry.getKey());
            if (first) {
                host.withNetworkMode(name);
                ComposeService.ServiceNetwork options = entry.getValue();
                List<String> aliases = new ArrayList<>();
                if (!external(compose, entry.getKey())) {
                    // on shared networks a service-name alias would resolve across tasks
                    aliases.add(String.valueOf(cmd.getLabels().get("com.docker.compose.service")));
                }
                if (options != null && options.aliases() != null) {
                    aliases.addAll(options.aliases());
                }
                cmd.withAliases(aliases);
                if (options != null && options.ipv4Address() != null) {
                    cmd.withIpv4Address(options.ipv4Address());
                }
                first = false;
            } else {
                extra.put(name, entry.getValue());
            }
        }
        return extra;
    }

    static boolean external(ComposeProject compose, String network) {
        var declared = compose.networks().get(network);
        return declared != null && Boolean.TRUE.equals(declared.external());
    }

    private void ports(ComposeService s, CreateContainerCmd cmd, HostConfig host) {
        if (s.ports() == null || s.ports().isEmpty()) {
            return;
        }
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (ComposeService.Port port : s.ports()) {
            InternetProtocol protocol = "udp".equalsIgnoreCase(port.protocol()) ? InternetProtocol.UDP
                    : InternetProtocol.TCP;
            int[] targets = range(port.target());
            int[] published = port.published() == null ? null : range(port.published());
            for (int i = 0; i < targets.length; i++) {
                ExposedPort target = new ExposedPort(targets[i], protocol);
                exposed.add(target);
                String ip = port.hostIp() != null ? port.hostIp() : publishHostIp;
                Ports.Binding binding = published == null
                        ? (ip == null || ip.isEmpty() ? Ports.Binding.empty() : Ports.Binding.bindIp(ip))
                        : Ports.Binding.bindIpAndPort(ip == null || ip.isEmpty() ? null : ip,
                                published[Math.min(i, published.length - 1)] + (published.length == 1 ? i : 0));
                bindings.bind(target, binding);
            }
        }
        cmd.withExposedPorts(exposed);
        host.withPortBindings(bindings);
    }

    private static void mounts(ComposeProject compose, String project, Path projectDir, ComposeService s,
                               HostConfig host) {
        if (s.volumes() == null) {
            return;
        }
        List<Mount> mounts = new ArrayList<>();
        for (ComposeService.Mount volume : s.volumes()) {
            Mount mount = new Mount().withTarget(volume.target()).withReadOnly(Boolean.TRUE.equals(volume.readOnly()));
            switch (volume.type() == null ? "volume" : volume.type()) {
                case "bind" -> {
                    String source = volume.source();
                    if (source.startsWith("~")) {
                        source = System.getProperty("user.home") + source.substring(1);
                    }
                    mount.withType(MountType.BIND).withSource(projectDir.resolve(source).normalize().toString());
                }
                case "tmpfs" -> {
                    mount.withType(MountType.TMPFS);
                    if (volume.tmpfs() != null && volume.tmpfs().size() != null) {
                        mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(volume.tmpfs().size()));
                    }
                }
                default -> {
                    mount.withType(MountType.VOLUME);
                    if (volume.source() != null) {
                        mount.withSource(ProjectNames.volume(compose, project, volume.source()));
                    }
                }
            }
            mounts.add(mount);
        }
        host.withMounts(mounts);
    }

    /** {@code service:<name>} → {@code container:<id>}; other modes as they are. */
    private static String reference(String mode, Map<String, String> created) {
        if (mode.startsWith("service:")) {
            String service = mode.substring("service:".length());
            String id = created.get(service);
            if (id == null) {
                throw new IllegalStateException("service " + service + " is referenced before it was created");
            }
            return "container:" + id;
        }
        return mode;
    }

    private static Capability capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Capability.valueOf(upper.startsWith("CAP_") ? upper.substring(4) : upper);
    }

    /** A port ({@code 8080}) or range ({@code 8000-8010}) as the ports it names. */
    static int[] range(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new int[] {Integer.parseInt(spec.trim())};
        }
        int from = Integer.parseInt(spec.substring(0, dash).trim());
        int to = Integer.parseInt(spec.substring(dash + 1).trim());
        int[] ports = new int[to - from + 1];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = from + i;
        }
        return ports;
    }
}
