package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.ContainerDependency;
import dev.localecs.api.model.KeyValuePair;
import dev.localecs.api.model.LinuxParameters;
import dev.localecs.api.model.PortMapping;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One container definition as a compose service (ports are returned apart: they belong to the pause
 * service in awsvpc mode).
 */
final class ContainerConverter {
    private static final int DEFAULT_STOP_TIMEOUT = 30;
    private static final int MIN_CPU_SHARES = 2;

    record Converted(ComposeService service, List<ComposeService.Port> ports) {
    }

    private final TaskDefinition definition;
    private final VolumeConverter volumes;
    private final TaskConverter.Warnings warnings;
    private final boolean awsvpc;

    ContainerConverter(TaskDefinition definition, VolumeConverter volumes, TaskConverter.Warnings warnings) {
        this.definition = definition;
        this.volumes = volumes;
        this.warnings = warnings;
        this.awsvpc = "awsvpc".equals(definition.networkMode());
    }

    Converted convert(ContainerDefinition c, String project, Map<String, String> taskLabels, String pauseName) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (c.dockerLabels() != null) {
            labels.putAll(c.dockerLabels());
        }
        labels.putAll(taskLabels);
        labels.put(EcsLabels.CONTAINER_NAME, c.name());
        labels.put(EcsLabels.ESSENTIAL, String.valueOf(c.essential() == null || c.essential()));
        labels.put(EcsLabels.COMPOSE_PROJECT, project);
        labels.put(EcsLabels.COMPOSE_SERVICE, c.name());

        ComposeService.Builder service = ComposeService.builder()
                .image(c.image())
                .entrypoint(c.entryPoint())
                .command(c.command())
                .environment(environment(c, labels))
                .cpuShares(c.cpu() == null || c.cpu() < MIN_CPU_SHARES ? MIN_CPU_SHARES : c.cpu())
                .memLimit(memoryLimit(c))
                .memReservation(c.memoryReservation() == null ? null : c.memoryReservation() + "m")
                .cpus(definition.cpu() == null ? null : Integer.parseInt(definition.cpu()) / 1024.0)
                .stopGracePeriod((c.stopTimeout() == null ? DEFAULT_STOP_TIMEOUT : c.stopTimeout()) + "s")
                .user(c.user())
                .workingDir(c.workingDirectory())
                .privileged(c.privileged())
                .readOnly(c.readonlyRootFilesystem())
                .securityOpt(c.dockerSecurityOptions())
                .stdinOpen(c.interactive())
                .tty(c.pseudoTerminal());
        if (pauseName != null) {
            service.networkMode("service:" + pauseName);
        }
        if (Boolean.TRUE.equals(c.disableNetworking())) {
            service.networkMode("none");
        }
        if (c.startTimeout() != null) {
            labels.put(EcsLabels.START_TIMEOUT, String.valueOf(c.startTimeout()));
        }
        namingAndDns(c, service);
        mounts(c, service);
        linuxParameters(c, service);
        limits(c, service);
        logging(c, service, labels);
        health(c, service);
        dependencies(c, service, labels);
        others(c, labels);
        service.labels(labels);
        return new Converted(service.build(), ports(c));
    }

    private Map<String, String> environment(ContainerDefinition c, Map<String, String> labels) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (c.environment() != null) {
            for (KeyValuePair pair : c.environment()) {
                environment.put(pair.name(), pair.value() == null ? "" : pair.value());
            }
        }
        if (c.secrets() != null) {
            // the value is fetched and set at start; only where it comes from is recorded
            c.secrets().forEach(secret -> {
                environment.put(secret.name(), null);
                labels.put(EcsLabels.SECRET_PREFIX + secret.name(), secret.valueFrom());
            });
        }
        if (c.environmentFiles() != null) {
            for (int i = 0; i < c.environmentFiles().size(); i++) {
                labels.put(EcsLabels.ENVIRONMENT_FILE_PREFIX + i, c.environmentFiles().get(i).value());
            }
        }
        return environment;
    }

    private String memoryLimit(ContainerDefinition c) {
        if (c.memory() != null) {
            return c.memory() + "m";
        }
        return definition.memory() == null ? null : definition.memory() + "m";
    }

    private void namingAndDns(ContainerDefinition c, ComposeService.Builder service) {
        if (awsvpc) {
            if (c.hostname() != null || c.dnsServers() != null || c.dnsSearchDomains() != null
                    || c.extraHosts() != null || c.links() != null) {
                warnings.add("Container '" + c.name() + "': hostname, dnsServers, dnsSearchDomains, extraHosts and "
                        + "links are not supported with networkMode awsvpc (as on ECS) and are ignored.");
            }
            return;
        }
        service.hostname(c.hostname()).dns(c.dnsServers()).dnsSearch(c.dnsSearchDomains()).links(c.links());
        if (c.extraHosts() != null) {
            service.extraHosts(c.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress()).toList());
        }
    }

    private void mounts(ContainerDefinition c, ComposeService.Builder service) {
        if (c.mountPoints() != null && !c.mountPoints().isEmpty()) {
            service.volumes(c.mountPoints().stream().map(volumes::mount).toList());
        }
        if (c.volumesFrom() != null && !c.volumesFrom().isEmpty()) {
            service.volumesFrom(c.volumesFrom().stream()
                    .map(from -> Boolean.TRUE.equals(from.readOnly()) ? from.sourceContainer() + ":ro"
                            : from.sourceContainer())
                    .toList());
        }
    }

    private void linuxParameters(ContainerDefinition c, ComposeService.Builder service) {
        LinuxParameters linux = c.linuxParameters();
        if (linux == null) {
            return;
        }
        if (linux.capabilities() != null) {
            service.capAdd(linux.capabilities().add()).capDrop(linux.capabilities().drop());
        }
        if (linux.devices() != null) {
            service.devices(linux.devices().stream().map(d -> {
                String device = d.hostPath() + ":" + (d.containerPath() == null ? d.hostPath() : d.containerPath());
                if (d.permissions() == null || d.permissions().isEmpty()) {
                    return device;
                }
                StringBuilder perms = new StringBuilder();
                if (d.permissions().contains("read")) {
                    perms.append('r');
                }
                if (d.permissions().contains("write")) {
                    perms.append('w');
                }
                if (d.permissions().contains("mknod")) {
                    perms.append('m');
                }
                return device + ":" + perms;
            }).toList());
        }
        service.init(linux.initProcessEnabled());
        if (linux.sharedMemorySize() != null) {
            service.shmSize(linux.sharedMemorySize() + "m");
        }
        if (linux.tmpfs() != null) {
            service.tmpfs(linux.tmpfs().stream().map(t -> {
                StringJoiner options = new StringJoiner(",");
                if (t.size() != null) {
                    options.add("size=" + t.size() + "m");
                }
                if (t.mountOptions() != null) {
                    t.mountOptions().forEach(options::add);
                }
                return options.length() == 0 ? t.containerPath() : t.containerPath() + ":" + options;
            }).toList());
        }
        if (linux.maxSwap() != null) {
            String limit = memoryLimit(c);
            if (limit == null) {
                warnings.add("Container '" + c.name() + "': maxSwap needs a memory limit and is ignored.");
            } else {
                int memory = Integer.parseInt(limit.substring(0, limit.length() - 1));
                service.memswapLimit((memory + linux.maxSwap()) + "m");
            }
        }
        service.memSwappiness(linux.swappiness());
    }

    private void limits(ContainerDefinition c, ComposeService.Builder service) {
        if (c.ulimits() != null && !c.ulimits().isEmpty()) {
            Map<String, ComposeService.Ulimit> ulimits = new LinkedHashMap<>();
            c.ulimits().forEach(u -> ulimits.put(u.name(),
                    new ComposeService.Ulimit(u.softLimit().longValue(), u.hardLimit().longValue())));
            service.ulimits(ulimits);
        }
        if (c.systemControls() != null && !c.systemControls().isEmpty()) {
            Map<String, String> sysctls = new LinkedHashMap<>();
            c.systemControls().forEach(s -> sysctls.put(s.namespace(), s.value()));
            service.sysctls(sysctls);
        }
    }

    private void logging(ContainerDefinition c, ComposeService.Builder service, Map<String, String> labels) {
        if (c.logConfiguration() == null || c.logConfiguration().logDriver() == null) {
            return;
        }
        String driver = c.logConfiguration().logDriver();
        Map<String, String> options = c.logConfiguration().options() == null ? Map.of()
                : c.logConfiguration().options();
        // secretOptions are resolved at launch (TaskOutputs): their values never go into the compose file
        switch (driver) {
            case "awslogs" -> {
                putIfPresent(labels, EcsLabels.AWSLOGS_GROUP, options.get("awslogs-group"));
                putIfPresent(labels, EcsLabels.AWSLOGS_STREAM_PREFIX, options.get("awslogs-stream-prefix"));
                putIfPresent(labels, EcsLabels.AWSLOGS_REGION, options.get("awslogs-region"));
                // Docker keeps the output with its local json-file driver (docker logs, compose logs); the runtime
                // delivers it to CloudWatch Logs. mode and max-buffer-size are any driver's options: kept.
                Map<String, String> local = new LinkedHashMap<>();
                putIfPresent(local, "mode", options.get("mode"));
                putIfPresent(local, "max-buffer-size", options.get("max-buffer-size"));
                service.logging(new ComposeService.Logging("json-file", local.isEmpty() ? null : local));
            }
            case "awsfirelens" -> {
                warnings.add("Container '" + c.name() + "': the awsfirelens log driver is not emulated; logs go to "
                        + "json-file.");
                service.logging(new ComposeService.Logging("json-file", null));
            }
            default -> service.logging(new ComposeService.Logging(driver, options.isEmpty() ? null : options));
        }
    }

    private static void health(ContainerDefinition c, ComposeService.Builder service) {
        var check = c.healthCheck();
        if (check == null) {
            return;
        }
        service.healthcheck(new ComposeService.Healthcheck(check.command(),
                (check.interval() == null ? 30 : check.interval()) + "s",
                (check.timeout() == null ? 5 : check.timeout()) + "s",
                check.retries() == null ? 3 : check.retries(),
                check.startPeriod() == null || check.startPeriod() == 0 ? null : check.startPeriod() + "s", null));
    }

    private static void dependencies(ContainerDefinition c, ComposeService.Builder service, Map<String, String> labels) {
        if (c.dependsOn() == null || c.dependsOn().isEmpty()) {
            return;
        }
        Map<String, ComposeService.Dependency> dependsOn = new LinkedHashMap<>();
        StringJoiner exact = new StringJoiner(",");
        for (ContainerDependency dependency : c.dependsOn()) {
            String condition = switch (dependency.condition()) {
                case "HEALTHY" -> "service_healthy";
                case "COMPLETE", "SUCCESS" -> "service_completed_successfully";
                default -> "service_started";
            };
            dependsOn.put(dependency.containerName(), new ComposeService.Dependency(condition));
            exact.add(dependency.containerName() + "=" + dependency.condition());
        }
        service.dependsOn(dependsOn);
        labels.put(EcsLabels.DEPENDS_ON, exact.toString());
    }

    private void others(ContainerDefinition c, Map<String, String> labels) {
        if (c.repositoryCredentials() != null) {
            labels.put(EcsLabels.REPOSITORY_CREDENTIALS, c.repositoryCredentials().credentialsParameter());
        }
        if (c.restartPolicy() != null && Boolean.TRUE.equals(c.restartPolicy().enabled())) {
            labels.put(EcsLabels.RESTART_POLICY, "enabled;ignoredExitCodes="
                    + (c.restartPolicy().ignoredExitCodes() == null ? "" : c.restartPolicy().ignoredExitCodes())
                    + ";restartAttemptPeriod=" + c.restartPolicy().restartAttemptPeriod());
        }
        if (c.resourceRequirements() != null && !c.resourceRequirements().isEmpty()) {
            warnings.add("Container '" + c.name() + "': resourceRequirements (GPU, InferenceAccelerator) are not "
                    + "reserved locally.");
        }
        if (c.firelensConfiguration() != null) {
            warnings.add("Container '" + c.name() + "': firelensConfiguration is not emulated.");
        }
        if (c.credentialSpecs() != null && !c.credentialSpecs().isEmpty()) {
            warnings.add("Container '" + c.name() + "': credentialSpecs (gMSA) have no local meaning.");
        }
    }

    private List<ComposeService.Port> ports(ContainerDefinition c) {
        List<ComposeService.Port> ports = new ArrayList<>();
        if (c.portMappings() == null || "host".equals(definition.networkMode())
                || "none".equals(definition.networkMode())) {
            return ports;
        }
        for (PortMapping mapping : c.portMappings()) {
            String target = mapping.containerPort() != null ? String.valueOf(mapping.containerPort())
                    : mapping.containerPortRange();
            String published;
            if (awsvpc) {
                published = target;
            } else {
                published = mapping.hostPort() == null || mapping.hostPort() == 0 ? null
                        : String.valueOf(mapping.hostPort());
            }
            ports.add(new ComposeService.Port(target, published, null,
                    mapping.protocol() == null ? "tcp" : mapping.protocol(), null, null, null));
        }
        return ports;
    }

    private static void putIfPresent(Map<String, String> labels, String key, String value) {
        if (value != null) {
            labels.put(key, value);
        }
    }
}
