package dev.localecs.runtime.compose;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.EcsArns;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.compose.ComposeVolume;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a task definition into the task's compose file: one service per container (plus a pause service
 * owning the shared namespaces for awsvpc and task-scoped pid/ipc), the task's volumes, and the labels the
 * engine and {@code docker compose} need. Fields without local meaning become warnings.
 */
public final class TaskConverter {
    /** The service that owns the task's network (awsvpc) and pid/ipc namespaces. */
    public static final String PAUSE_SERVICE = "ecs-local-pause";

    private final ConverterSettings settings;
    private final EcsArns arns;

    /**
     * Creates a converter.
     *
     * @param settings configuration
     * @param arns the ARN builder
     */
    public TaskConverter(ConverterSettings settings, EcsArns arns) {
        this.settings = requireNonNull(settings, "settings is null");
        this.arns = requireNonNull(arns, "arns is null");
    }

    /**
     * A compose project name for a task: lower-case family (invalid characters as {@code -}) and task id.
     *
     * @param family the task-definition family
     * @param taskId the task id
     * @return a valid compose project name
     */
    public static String projectName(String family, String taskId) {
        String name = family.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        return "ecs-" + name + "-" + taskId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Converts a task definition.
     *
     * @param definition the task definition
     * @param taskId the task id
     * @param cluster the cluster name
     * @return the task file and the warnings
     */
    public ConversionResult convert(TaskDefinition definition, String taskId, String cluster) {
        String project = projectName(definition.family(), taskId);
        Warnings warnings = new Warnings();
        taskLevelWarnings(definition, warnings);
        VolumeConverter volumes = new VolumeConverter(definition, settings, warnings);
        String networkMode = definition.networkMode() == null ? "bridge" : definition.networkMode();
        boolean awsvpc = networkMode.equals("awsvpc");
        boolean pidTask = "task".equals(definition.pidMode());
        boolean ipcTask = "task".equals(definition.ipcMode());
        boolean pause = awsvpc || pidTask || ipcTask;

        Map<String, String> taskLabels = new LinkedHashMap<>();
        taskLabels.put(EcsLabels.TASK_ARN, arns.task(cluster, taskId));
        taskLabels.put(EcsLabels.CLUSTER, cluster);
        taskLabels.put(EcsLabels.FAMILY, definition.family());
        taskLabels.put(EcsLabels.REVISION, String.valueOf(definition.revision()));
        if (definition.taskRoleArn() != null) {
            taskLabels.put(EcsLabels.TASK_ROLE_ARN, definition.taskRoleArn());
        }
        if (definition.executionRoleArn() != null) {
            taskLabels.put(EcsLabels.EXECUTION_ROLE_ARN, definition.executionRoleArn());
        }

        Map<String, ComposeService> services = new LinkedHashMap<>();
        String pauseName = pause ? pauseServiceName(definition) : null;
        ContainerConverter containers = new ContainerConverter(definition, volumes, warnings);
        List<ComposeService.Port> pausePorts = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            ContainerConverter.Converted converted = containers.convert(container, project, taskLabels,
                    awsvpc ? pauseName : null);
            ComposeService.Builder service = converted.service().toBuilder();
            if (awsvpc) {
                pausePorts.addAll(converted.ports());
            } else if (networkMode.equals("bridge") && !converted.ports().isEmpty()) {
                service.ports(converted.ports());
            }
            if (networkMode.equals("host") || networkMode.equals("none")) {
                service.networkMode(networkMode);
            }
            if (pidTask) {
                service.pid("service:" + pauseName);
            } else if ("host".equals(definition.pidMode())) {
                service.pid("host");
            }
            if (ipcTask) {
                service.ipc("service:" + pauseName);
            } else if (definition.ipcMode() != null && !ipcTask) {
                service.ipc(definition.ipcMode());
            }
            if (definition.runtimePlatform() != null && definition.runtimePlatform().cpuArchitecture() != null) {
                service.platform("ARM64".equals(definition.runtimePlatform().cpuArchitecture())
                        ? "linux/arm64" : "linux/amd64");
            }
            services.put(container.name(), service.build());
        }
        if (pause) {
            services = withPause(services, pauseName, project, taskLabels, awsvpc, ipcTask, pausePorts);
        }
        Map<String, ComposeVolume> topVolumes = volumes.topLevel();
        return new ConversionResult(new ComposeProject(project, services, Map.of(), topVolumes), warnings.list());
    }

    private Map<String, ComposeService> withPause(Map<String, ComposeService> containers, String pauseName,
                                                  String project, Map<String, String> taskLabels, boolean awsvpc,
                                                  boolean ipcTask, List<ComposeService.Port> ports) {
        Map<String, String> labels = new LinkedHashMap<>(taskLabels);
        labels.put(EcsLabels.PAUSE, "true");
        labels.put(EcsLabels.COMPOSE_PROJECT, project);
        labels.put(EcsLabels.COMPOSE_SERVICE, pauseName);
        ComposeService.Builder pause = ComposeService.builder()
                .image(settings.pauseImage())
                .labels(labels)
                .init(false);
        if (!awsvpc) {
            pause.networkMode("none");
        }
        if (ipcTask) {
            pause.ipc("shareable");
        }
        if (!ports.isEmpty()) {
            pause.ports(ports);
        }
        Map<String, ComposeService> all = new LinkedHashMap<>();
        all.put(pauseName, pause.build());
        containers.forEach((name, service) -> {
            Map<String, ComposeService.Dependency> dependsOn = new LinkedHashMap<>();
            dependsOn.put(pauseName, new ComposeService.Dependency("service_started"));
            if (service.dependsOn() != null) {
                dependsOn.putAll(service.dependsOn());
            }
            all.put(name, service.toBuilder().dependsOn(dependsOn).build());
        });
        return all;
    }

    private static String pauseServiceName(TaskDefinition definition) {
        Set<String> names = new LinkedHashSet<>();
        definition.containerDefinitions().forEach(c -> names.add(c.name()));
        String name = PAUSE_SERVICE;
        for (int i = 2; names.contains(name); i++) {
            name = PAUSE_SERVICE + "-" + i;
        }
        return name;
    }

    private static void taskLevelWarnings(TaskDefinition d, Warnings warnings) {
        if (d.placementConstraints() != null && !d.placementConstraints().isEmpty()) {
            warnings.add("placementConstraints have no local meaning: every task runs on this Docker engine.");
        }
        if (d.proxyConfiguration() != null) {
            warnings.add("proxyConfiguration (App Mesh) is not emulated: no proxy is injected.");
        }
        if (d.inferenceAccelerators() != null && !d.inferenceAccelerators().isEmpty()) {
            warnings.add("inferenceAccelerators have no local meaning and are ignored.");
        }
        if (d.ephemeralStorage() != null) {
            warnings.add("ephemeralStorage is not enforced locally: containers use the engine's storage.");
        }
        if (Boolean.TRUE.equals(d.enableFaultInjection())) {
            warnings.add("enableFaultInjection is not emulated.");
        }
    }

    /** Collects warnings once each, in order. */
    static final class Warnings {
        private final Set<String> lines = new LinkedHashSet<>();

        void add(String line) {
            lines.add(line);
        }

        List<String> list() {
            return List.copyOf(lines);
        }
    }
}
