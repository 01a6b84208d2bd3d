package dev.localecs.runtime.tasks;

import dev.localecs.api.ExecResult;
import dev.localecs.api.OutputLine;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.compose.ComposedTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where tasks run: the one seam between the ECS lifecycle and a container engine (the local Docker
 * engine today; a remote host, Swarm or Kubernetes could implement it without touching the actions).
 */
public interface TaskEngine extends AutoCloseable {

    /**
     * Networks, volumes and images (pulled or built) of a task.
     *
     * @param compose the task's effective project (immutable)
     * @param logins private-registry logins by service (the user's docker config.json otherwise)
     * @throws LaunchException when an image cannot be pulled or a resource cannot be made
     */
    void prepare(ComposedTask compose, Map<String, RegistryLogin> logins);

    /**
     * Creates the shared task network when it is missing and, unless the endpoint is disabled, brings it to
     * the subnet and gateway the endpoint mode needs (recreating it when no container is attached).
     *
     * @throws dev.localecs.api.error.ConfigurationException when it has another shape and containers are
     *         attached
     */
    void ensureTaskNetwork();

    /**
     * Connects a container (the runtime's own, in container mode) to a network, at an address if given;
     * nothing happens when it is connected already.
     *
     * @param containerId the container
     * @param network the network name
     * @param address the fixed address, if any
     */
    void attach(String containerId, String network, Optional<String> address);

    /**
     * One sample of a container's resource use, as Docker's stats API gives it.
     *
     * @param containerId the container
     * @return the stats document
     */
    Map<String, Object> stats(String containerId);

    /**
     * Creates one service's container (not started).
     *
     * @param compose the task's effective project (immutable)
     * @param service the service name
     * @param created container ids of the services created so far (for {@code service:} references)
     * @param secrets environment values resolved at launch (never written to files)
     * @return the container id
     * @throws LaunchException when the engine refuses the container
     */
    String create(ComposedTask compose, String service, Map<String, String> created, Map<String, String> secrets);

    /**
     * Creates one service's container (not started) with what was resolved at launch: its environment and the
     * options its log driver takes from {@code secretOptions}. An engine that runs no Docker log drivers has no
     * use for those options and keeps this default.
     *
     * @param compose the task's effective project (immutable)
     * @param service the service name
     * @param created container ids of the services created so far (for {@code service:} references)
     * @param values the values resolved at launch (never written to files)
     * @return the container id
     * @throws LaunchException when the engine refuses the container
     */
    default String create(ComposedTask compose, String service, Map<String, String> created, LaunchValues values) {
        return create(compose, service, created, values.environment());
    }

    /**
     * Runs a command in a running container and waits (bounded) for it.
     *
     * @param containerId the container
     * @param command the command
     * @return exit code and output
     */
    ExecResult exec(String containerId, List<String> command);

    /**
     * Starts a command with a terminal in a running container ({@code docker exec -it}); returns once it
     * runs. What it writes, and its end, go to {@code output}.
     *
     * @param containerId the container
     * @param command the command and its arguments
     * @param output receives the terminal's output and the end
     * @return the running command
     * @throws IllegalStateException when the engine cannot start it (the message says why)
     */
    InteractiveExec execInteractive(String containerId, List<String> command, InteractiveExec.Output output);

    /**
     * Starts a created container. An engine may have to make the container again to start it (an awsvpc
     * pause container whose host port turned out to be taken is made again without publishing it), so the
     * container that runs is the one returned.
     *
     * @param containerId the container
     * @return the id of the started container: the one given, or the one made in its place
     * @throws LaunchException when it cannot start
     */
    String start(String containerId);

    /**
     * What a started container looks like from outside: bindings, addresses, image digest.
     *
     * @param containerId the container
     * @param taskNetwork the network whose address is the task's ENI address
     * @return the observation
     */
    Observation observe(String containerId, String taskNetwork);

    /**
     * Stops a container: its stop signal, then SIGKILL after the timeout.
     *
     * @param containerId the container
     * @param timeoutSeconds seconds between the signal and SIGKILL
     */
    void stop(String containerId, int timeoutSeconds);

    /**
     * Removes everything of a task: containers, its project networks and task-scoped volumes.
     *
     * @param project the compose project name
     */
    void remove(String project);

    /**
     * The containers of a task as the engine has them now (used once, when the runtime restarts).
     *
     * @param taskArn the task ARN label
     * @return the containers by ECS container name (the pause container under its service name)
     */
    Map<String, Observation> containers(String taskArn);

    /**
     * The machine the engine runs containers on: processors, memory, version, log drivers.
     *
     * @return the host, asked of the engine each call
     */
    EngineHost host();

    /**
     * The machines of an engine that runs tasks on several (a Kubernetes cluster's schedulable nodes): each is a
     * container instance, and a task placed on one carries its name ({@link ComposedTask#placement()}). An
     * engine whose only machine is {@link #host()} keeps this default.
     *
     * @return the machines, by name; empty for a single-machine engine
     */
    default List<EngineNode> nodes() {
        return List.of();
    }

    /**
     * What the engine reports of a container now beyond {@link #observe}, for the task metadata endpoint (a Pod's
     * status); read from what the engine already holds, never a request per call. An engine whose observation says
     * it all keeps this default.
     *
     * @param containerId the container
     * @return the facts, empty when the engine has none beyond the observation
     */
    default Optional<ContainerFacts> facts(String containerId) {
        return Optional.empty();
    }

    /**
     * Follows a started container's output: every line it writes from its start, with the engine's timestamps,
     * in order, to the receiver; returns once the container has stopped and its last line was handed over. It
     * blocks (run it on a thread of its own); a receiver that blocks slows the reading, never the container (the
     * engine keeps the output).
     *
     * @param containerId the container
     * @param receiver where the lines go
     * @throws InterruptedException when interrupted while waiting for output or for the receiver
     */
    void follow(String containerId, OutputReceiver receiver) throws InterruptedException;

    /** Receives a container's output lines (see {@link #follow(String, OutputReceiver)}). */
    @FunctionalInterface
    interface OutputReceiver {
        /**
         * One line.
         *
         * @param line the line
         * @throws InterruptedException when interrupted while the receiver waits
         */
        void line(OutputLine line) throws InterruptedException;
    }

    /**
     * Streams container events to a listener, reconnecting when the stream drops.
     *
     * @param listener the listener
     */
    void events(EventListener listener);

    /** Receives container events. */
    interface EventListener {
        /**
         * One container event.
         *
         * @param taskArn the task ARN label
         * @param container the ECS container name label (or the pause service name)
         * @param action {@code start}, {@code die}, {@code oom}, {@code health_status: healthy}, …
         * @param exitCode the exit code, for {@code die}
         */
        void onEvent(String taskArn, String container, String action, Optional<Integer> exitCode);
    }

    /**
     * A container as observed.
     *
     * @param id the container id
     * @param running whether it runs
     * @param exitCode its exit code, when it has stopped
     * @param oomKilled whether the kernel killed it for memory
     * @param health {@code HEALTHY}, {@code UNHEALTHY} or empty
     * @param imageDigest the image digest
     * @param ports container port/protocol → host port
     * @param ip the address on the task network
     * @param mac the MAC address on the task network
     */
    record Observation(String id, boolean running, Optional<Integer> exitCode, boolean oomKilled,
                       Optional<String> health, Optional<String> imageDigest, List<PortBinding> ports,
                       Optional<String> ip, Optional<String> mac) {
    }

    /**
     * A published port.
     *
     * @param containerPort the container port
     * @param protocol tcp or udp
     * @param hostIp the host address
     * @param hostPort the host port
     */
    record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
