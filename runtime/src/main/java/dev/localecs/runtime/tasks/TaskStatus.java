package dev.localecs.runtime.tasks;

/** A task's {@code lastStatus} and {@code desiredStatus}, as ECS names them (the wire value is the name). */
public enum TaskStatus {
    /** awsvpc: the network interface is being made */
    PROVISIONING,
    /** images are pulled and containers started */
    PENDING,
    /** load balancers and service discovery are being wired */
    ACTIVATING,
    /** every essential container runs */
    RUNNING,
    /** awsvpc: leaving load balancers before stopping */
    DEACTIVATING,
    /** containers are being stopped */
    STOPPING,
    /** awsvpc: the network interface is being removed */
    DEPROVISIONING,
    /** final */
    STOPPED
}
