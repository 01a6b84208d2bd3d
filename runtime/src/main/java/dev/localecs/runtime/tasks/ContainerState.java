package dev.localecs.runtime.tasks;

import dev.localecs.api.model.NetworkBinding;
import java.util.List;

/**
 * What is known of one container of a task (mutable; guarded by its {@link TaskRecord}).
 */
public final class ContainerState {
    final String name;
    final String containerArn;
    final boolean essential;
    final String image;
    String imageDigest;
    String runtimeId;
    String lastStatus = "PENDING";
    Integer exitCode;
    String reason;
    String healthStatus;
    boolean hasHealthCheck;
    boolean oomKilled;
    List<NetworkBinding> networkBindings = List.of();
    String cpu;
    String memory;
    String memoryReservation;
    int stopTimeout = 30;
    String ip;
    java.time.Instant startedAt;
    java.time.Instant finishedAt;
    boolean pause;

    ContainerState(String name, String containerArn, boolean essential, String image) {
        this.name = name;
        this.containerArn = containerArn;
        this.essential = essential;
        this.image = image;
    }

    /** @return the ECS container name */
    public String name() {
        return name;
    }

    /** @return the Docker container id, once created */
    public String runtimeId() {
        return runtimeId;
    }

    /** @return whether the container is essential */
    public boolean essential() {
        return essential;
    }

    boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }
}
