package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The Linux-specific options that are applied to the container, such as Linux KernelCapabilities.
 *
 * @param capabilities The Linux capabilities for the container that are added to or dropped from the default configuration provided by Docker.
 * @param devices Any host devices to expose to the container.
 * @param initProcessEnabled Run an init process inside the container that forwards signals and reaps processes.
 * @param sharedMemorySize The value for the size (in MiB) of the /dev/shm volume.
 * @param tmpfs The container path, mount options, and size (in MiB) of the tmpfs mount.
 * @param maxSwap The total amount of swap memory (in MiB) a container can use.
 * @param swappiness This allows you to tune a container's memory swappiness behavior.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxParameters(
        KernelCapabilities capabilities,
        List<Device> devices,
        Boolean initProcessEnabled,
        Integer sharedMemorySize,
        List<Tmpfs> tmpfs,
        Integer maxSwap,
        Integer swappiness) {
}
