package dev.localecs.engine.kubernetes;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.ComposeVolume;
import dev.localecs.runtime.tasks.LaunchException;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A task's volumes as its Pod's: task volumes → {@code emptyDir}; host paths → {@code hostPath} (when the settings
 * allow); tmpfs and shared memory → memory {@code emptyDir}s; EFS and shared Docker volumes → ReadWriteMany
 * claims of the configured storage class; {@code external} volumes → the existing claim; {@code volumesFrom} →
 * the other container's mounts. One instance per Pod: it collects the volumes and claims as mounts are made.
 */
final class PodVolumes {
    private static final String EFS_LABEL = "com.amazonaws.ecs.local.efs-file-system-id";

    private final KubernetesSettings settings;
    private final Map<String, ComposeVolume> declared;
    private final Map<String, Volume> volumes = new TreeMap<>();
    private final List<PersistentVolumeClaim> claims = new ArrayList<>();

    /**
     * Starts a Pod's volumes.
     *
     * @param settings the settings (host paths, storage class)
     * @param declared the project's top-level volumes
     */
    PodVolumes(KubernetesSettings settings, Map<String, ComposeVolume> declared) {
        this.settings = settings;
        this.declared = declared;
    }

    /**
     * Every container's mounts, {@code volumesFrom} included; makes the volumes and claims they need.
     *
     * @param services the Pod's services (not the pause)
     * @return service → its mounts
     * @throws LaunchException when a volume needs what the settings do not allow
     */
    Map<String, List<VolumeMount>> mounts(Map<String, ComposeService> services) {
        Map<String, List<VolumeMount>> mounts = new LinkedHashMap<>();
        services.forEach((service, definition) -> mounts.put(service, mounts(service, definition)));
        services.forEach((service, definition) -> {
            if (definition.volumesFrom() != null) {
                for (String from : definition.volumesFrom()) {
                    String[] parts = from.split(":");
                    boolean readOnly = parts.length > 1 && parts[1].equals("ro");
                    for (VolumeMount m : List.copyOf(mounts.getOrDefault(parts[0], List.of()))) {
                        mounts.get(service).add(mount(m.getMountPath(), m.getName(),
                                readOnly || Boolean.TRUE.equals(m.getReadOnly())));
                    }
                }
            }
        });
        return mounts;
    }

    /** The Pod's volumes, by name. */
    List<Volume> volumes() {
        return new ArrayList<>(volumes.values());
    }

    /** The claims to make when missing (not the external ones). */
    List<PersistentVolumeClaim> claims() {
        return List.copyOf(claims);
    }

    private List<VolumeMount> mounts(String service, ComposeService definition) {
        List<VolumeMount> mounts = new ArrayList<>();
        if (definition.volumes() != null) {
            for (ComposeService.Mount mount : definition.volumes()) {
                String volume = switch (mount.type() == null ? "volume" : mount.type()) {
                    case "bind" -> hostPath(service, mount);
                    case "tmpfs" -> memory("tmpfs-" + mount.target(), null);
                    default -> named(service, mount.source());
                };
                mounts.add(mount(mount.target(), volume, Boolean.TRUE.equals(mount.readOnly())));
            }
        }
        if (definition.tmpfs() != null) {
            for (String tmpfs : definition.tmpfs()) {
                String[] parts = tmpfs.split(":", 2);
                Optional<Long> size = parts.length > 1 ? java.util.Arrays.stream(parts[1].split(","))
                        .filter(o -> o.startsWith("size=")).findFirst().flatMap(o -> PodSpecBuilder.mebibytes(o.substring(5)))
                        : Optional.empty();
                mounts.add(mount(parts[0], memory("tmpfs-" + parts[0], size.orElse(null)), false));
            }
        }
        if (definition.shmSize() != null) {
            mounts.add(mount("/dev/shm", memory("shm-" + service, PodSpecBuilder.mebibytes(definition.shmSize())
                    .orElse(null)), false));
        }
        return mounts;
    }

    private static VolumeMount mount(String path, String volume, boolean readOnly) {
        VolumeMountBuilder mount = new VolumeMountBuilder().withMountPath(path).withName(volume);
        if (readOnly) {
            mount.withReadOnly(true);
        }
        return mount.build();
    }

    private String hostPath(String service, ComposeService.Mount mount) {
        if (!settings.hostPaths()) {
            throw new LaunchException(LaunchException.Kind.START, service, "host path " + mount.source()
                    + " cannot be mounted: set tasks.kubernetes.host-paths: true to mount the node's directory", null);
        }
        String name = KubeNames.label("host-" + mount.source());
        volumes.putIfAbsent(name, new VolumeBuilder().withName(name).withNewHostPath(mount.source(),
                "DirectoryOrCreate").build());
        return name;
    }

    private String memory(String seed, Long sizeMib) {
        String name = KubeNames.label(seed);
        volumes.putIfAbsent(name, new VolumeBuilder().withName(name).withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(sizeMib == null ? null : new Quantity(sizeMib + "Mi")).endEmptyDir().build());
        return name;
    }

    private String named(String service, String source) {
        ComposeVolume volume = declared.get(source);
        boolean efs = volume != null && volume.labels() != null && volume.labels().containsKey(EFS_LABEL);
        boolean external = volume != null && Boolean.TRUE.equals(volume.external());
        boolean shared = volume != null && volume.name() != null;
        String name = KubeNames.label(source);
        if (!efs && !external && !shared) {
            volumes.putIfAbsent(name, new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
            return name;
        }
        String claim = KubeNames.label(volume.name() != null ? volume.name() : source);
        if (!external) {
            String storageClass = settings.storageClass().orElseThrow(() -> new LaunchException(
                    LaunchException.Kind.START, service, "volume '" + source + "' is shared between tasks: set "
                    + "tasks.kubernetes.storage-class to the class its PersistentVolumeClaim is made from", null));
            if (claims.stream().noneMatch(c -> c.getMetadata().getName().equals(claim))) {
                claims.add(new PersistentVolumeClaimBuilder().withNewMetadata().withName(claim)
                        .withLabels(new TreeMap<>(Map.of(KubeNames.MANAGED_BY, KubeNames.MANAGER)))
                        .endMetadata().withNewSpec().withAccessModes("ReadWriteMany")
                        .withStorageClassName(storageClass).withNewResources()
                        .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build());
            }
        }
        volumes.putIfAbsent(name, new VolumeBuilder().withName(name)
                .withNewPersistentVolumeClaim(claim, null).build());
        return name;
    }
}
