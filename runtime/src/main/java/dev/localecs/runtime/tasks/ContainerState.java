package dev.localecs.runtime.tasks;

import dev.localecs.api.model.NetworkBinding;
import java.time.Instant;
import java.util.List;

/**
 * What is known of one container of a task (mutable; guarded by its {@link TaskRecord}; written only by the
 * {@link TaskLifecycle}).
 */
final class ContainerState {
    final String name;
    final String containerArn;
    final boolean essential;
    final String image;
    String imageDigest;
    String runtimeId;
    ContainerStatus lastStatus = ContainerStatus.PENDING;
    Integer exitCode;
    String reason;
    HealthStatus healthStatus = HealthStatus.UNKNOWN;
    boolean hasHealthCheck;
    boolean oomKilled;
    List<NetworkBinding> networkBindings = List.of();
    String cpu;
    String memory;
    String memoryReservation;
    int stopTimeout = 30;
    String ip;
    Instant startedAt;
    Instant finishedAt;

    ContainerState(String name, String containerArn, boolean essential, String image) {
        this.name = name;
        this.containerArn = containerArn;
        this.essential = essential;
        this.image = image;
    }

    boolean stopped() {
        return lastStatus == ContainerStatus.STOPPED;
    }

    boolean running() {
        return lastStatus == ContainerStatus.RUNNING;
    }
}
