package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.ComposeVolume;
import dev.localecs.api.model.DockerVolumeConfiguration;
import dev.localecs.api.model.MountPoint;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.Volume;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task-definition volumes as compose mounts and top-level volumes: host paths become binds; bind volumes
 * without a host path, task-scoped Docker volumes and other kinds become volumes of the task's project
 * (so they live and die with the task and are shared by its containers); shared-scope Docker volumes and
 * EFS file systems keep a fixed name so tasks share them, as on ECS.
 */
final class VolumeConverter {
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, ComposeVolume> used = new LinkedHashMap<>();
    private final ConverterSettings settings;
    private final TaskConverter.Warnings warnings;

    VolumeConverter(TaskDefinition definition, ConverterSettings settings, TaskConverter.Warnings warnings) {
        this.settings = settings;
        this.warnings = warnings;
        if (definition.volumes() != null) {
            definition.volumes().forEach(volume -> volumes.put(volume.name(), volume));
        }
    }

    ComposeService.Mount mount(MountPoint point) {
        Volume volume = volumes.get(point.sourceVolume());
        Boolean readOnly = Boolean.TRUE.equals(point.readOnly()) ? Boolean.TRUE : null;
        if (volume != null && volume.host() != null && volume.host().sourcePath() != null
                && !volume.host().sourcePath().isEmpty()) {
            return new ComposeService.Mount("bind", volume.host().sourcePath(), point.containerPath(), readOnly,
                    null, null, null);
        }
        used.computeIfAbsent(point.sourceVolume(), name -> topLevel(name, volume));
        return new ComposeService.Mount("volume", point.sourceVolume(), point.containerPath(), readOnly, null, null,
                null);
    }

    private ComposeVolume topLevel(String name, Volume volume) {
        if (volume == null || volume.host() != null && volume.dockerVolumeConfiguration() == null
                && volume.efsVolumeConfiguration() == null) {
            return new ComposeVolume(null, null, null, null, null);
        }
        if (volume.dockerVolumeConfiguration() != null) {
            DockerVolumeConfiguration docker = volume.dockerVolumeConfiguration();
            boolean shared = "shared".equals(docker.scope());
            Boolean external = shared && !Boolean.TRUE.equals(docker.autoprovision()) ? Boolean.TRUE : null;
            return new ComposeVolume(shared ? name : null, external == null ? docker.driver() : null,
                    external == null ? docker.driverOpts() : null, external,
                    external == null ? docker.labels() : null);
        }
        if (volume.efsVolumeConfiguration() != null) {
            var efs = volume.efsVolumeConfiguration();
            String root = efs.rootDirectory() == null || efs.rootDirectory().equals("/") ? "" : efs.rootDirectory();
            Map<String, String> labels = Map.of("com.amazonaws.ecs.local.efs-file-system-id", efs.fileSystemId());
            if (settings.efsHostDir().isPresent()) {
                String device = settings.efsHostDir().get().replaceAll("/+$", "") + "/" + efs.fileSystemId() + root;
                return new ComposeVolume(null, "local", Map.of("type", "none", "o", "bind", "device", device), null,
                        labels);
            }
            String suffix = root.isEmpty() ? "" : "-" + root.replaceAll("[^a-zA-Z0-9_.-]", "-").replaceAll("^-+", "");
            return new ComposeVolume("ecs-local-efs-" + efs.fileSystemId() + suffix, null, null, null, labels);
        }
        if (volume.fsxWindowsFileServerVolumeConfiguration() != null) {
            warnings.add("Volume '" + name + "': FSx for Windows File Server is not available locally; an empty "
                    + "task volume stands in.");
        } else if (volume.s3filesVolumeConfiguration() != null) {
            warnings.add("Volume '" + name + "': S3 Files volumes are not available locally; an empty task volume "
                    + "stands in.");
        } else if (Boolean.TRUE.equals(volume.configuredAtLaunch())) {
            warnings.add("Volume '" + name + "' is configured at launch (EBS); an empty task volume stands in.");
        }
        return new ComposeVolume(null, null, null, null, null);
    }

    /** The top-level volumes the mounts used, by name. */
    Map<String, ComposeVolume> topLevel() {
        return used.isEmpty() ? Map.of() : new LinkedHashMap<>(used);
    }
}
