package dev.localecs.runtime.exec;

import static java.util.Objects.requireNonNull;

import dev.localecs.runtime.tasks.TaskManager;
import io.helidon.websocket.WsListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The data-channel endpoint: a {@link DataChannel} per WebSocket connection, each session's command started
 * in its task container through the {@link TaskManager}, and one {@code exec-retransmit} thread that sends
 * unacknowledged output again (every {@link #TICK}, after {@link #RETRANSMISSION_TIMEOUT} without an
 * acknowledgement, at most {@link #MAX_ATTEMPTS} times).
 */
public final class DataChannels implements AutoCloseable {
    /** The WebSocket route; the last segment is the session id. */
    public static final String PATH = ExecSessionRegistry.PATH_PREFIX + "{sessionId}";
    static final Duration RETRANSMISSION_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_ATTEMPTS = 30;
    /** How many output messages (of at most 1 KiB) may wait for the client's acknowledgement. */
    static final int CAPACITY = 1000;
    static final Duration TICK = Duration.ofMillis(200);

    private static final Logger LOG = Logger.getLogger(DataChannels.class.getName());

    private final ExecSessionRegistry registry;
    private final ExecLauncher launcher;
    private final Clock clock;
    private final Set<DataChannel> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retransmitter;

    DataChannels(ExecSessionRegistry registry, ExecLauncher launcher, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retransmitter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exec-retransmit");
            thread.setDaemon(true);
            return thread;
        });
        retransmitter.scheduleWithFixedDelay(this::retransmit, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * The endpoint for a runtime: commands run through its task manager (none: every session says that no
     * task engine runs).
     *
     * @param registry the sessions
     * @param tasks the task manager, when tasks run
     * @param clock the clock
     * @return the endpoint
     */
    public static DataChannels create(ExecSessionRegistry registry, Optional<TaskManager> tasks, Clock clock) {
        ExecLauncher launcher = (session, output) -> {
            var request = session.request();
            TaskManager manager = tasks.orElseThrow(() -> new IllegalStateException(
                    "No task engine runs in this local-ecs-api."));
            return manager.execInteractive(request.cluster(), request.taskId(), request.container(),
                    session.command(), output).orElseThrow(() -> new IllegalStateException("Task " + request.taskId()
                    + " has no container '" + request.container() + "' any more."));
        };
        return new DataChannels(registry, launcher, clock);
    }

    /**
     * A listener for one new connection.
     *
     * @return the connection's data channel
     */
    public WsListener newChannel() {
        return new DataChannel(registry, launcher, this, clock, new OutgoingStream(RETRANSMISSION_TIMEOUT,
                MAX_ATTEMPTS, CAPACITY));
    }

    void opened(DataChannel channel) {
        open.add(channel);
    }

    void closed(DataChannel channel) {
        open.remove(channel);
    }

    /**
     * How many data channels hold a session now.
     *
     * @return the count
     */
    public int openChannels() {
        return open.size();
    }

    private void retransmit() {
        for (DataChannel channel : open) {
            try {
                channel.retransmit();
            } catch (RuntimeException e) {
                LOG.warning("Retransmitting on " + channel + " failed: " + e);
            }
        }
    }

    /** Tells every open session's client that the runtime stops, then stops retransmitting. */
    @Override
    public void close() {
        for (DataChannel channel : open) {
            channel.shutdown();
        }
        retransmitter.shutdownNow();
    }
}
