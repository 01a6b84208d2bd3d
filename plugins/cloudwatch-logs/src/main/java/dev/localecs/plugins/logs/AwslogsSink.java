package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ContainerLog;
import dev.localecs.api.ContainerLogSink;
import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.PluginContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * The {@code awslogs} log driver: a container whose definition logs with {@code awslogs} has its output delivered
 * as CloudWatch Logs events to {@code awslogs-group}, stream {@code <awslogs-stream-prefix>/<container>/<task id>}
 * (the container id without a prefix), at {@code logs.destination}: the embedded store (default), CloudWatch Logs
 * upstream with the task's execution role, or nowhere ({@code none}: Docker keeps it, as for every container).
 * A missing group without {@code awslogs-create-group: "true"} fails the container as on ECS. A container followed
 * again after a restart delivers only the lines stamped after its stream's last event. {@code awslogs-endpoint}
 * replaces {@code upstream.logs.endpoint} for the container's events upstream; with the embedded store it is not
 * used (a definition written for AWS would otherwise send a local task's output to AWS), said once per task.
 * {@code awslogs-credentials-endpoint}, which the ECS agent sets for Docker, is ignored: the runtime signs with the
 * task's execution role itself.
 */
@Extension
public final class AwslogsSink implements ContainerLogSink {
    private static final Logger LOG = Logger.getLogger(AwslogsSink.class.getName());
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    private static final int TOLD_TASKS = 1024;

    private final PluginContext context;
    private volatile DeliverySettings settings;
    /** Tasks already told that their awslogs-endpoint is not used (the most recent ones). */
    private final Set<String> toldEndpointIgnored = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > TOLD_TASKS;
                }
            }));

    /**
     * Creates the sink.
     *
     * @param context the runtime's services
     */
    public AwslogsSink(PluginContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String name() {
        return AwslogsOptions.DRIVER;
    }

    @Override
    public Optional<ContainerLog> open(ContainerLogSource source) {
        if (!source.logDriver().equals(AwslogsOptions.DRIVER)) {
            return Optional.empty();
        }
        DeliverySettings current = settings();
        if (current.destination() == DeliverySettings.Destination.NONE) {
            return Optional.empty();
        }
        AwslogsOptions options = AwslogsOptions.of(source.options());
        String stream = options.stream(source);
        LogDestination destination = switch (current.destination()) {
            case EMBEDDED -> {
                if (options.endpoint().isPresent() && toldEndpointIgnored.add(source.taskArn())) {
                    LOG.info("Task " + source.taskId() + ": awslogs-endpoint is not used with logs.destination "
                            + "embedded; the output goes to the embedded CloudWatch Logs");
                }
                yield new EmbeddedDestination(LogStores.of(context));
            }
            case UPSTREAM -> new UpstreamDestination(current.upstreamEndpoint(options),
                    options.region().orElse(current.region()), source.executionCredentials(), options.format());
            case NONE -> throw new IllegalStateException("unreachable");
        };
        long deliveredThrough;
        try {
            destination.prepare(options.group(), stream, options.createGroup());
            deliveredThrough = source.resumed() ? destination.lastTimestamp(options.group(), stream)
                    .orElse(Long.MIN_VALUE) : Long.MIN_VALUE;
        } catch (RuntimeException e) {
            destination.close();
            throw e;
        }
        String described = describe(source, options.group(), stream);
        LOG.fine(() -> "Delivering the output of " + source.containerName() + " of task " + source.taskId() + " to "
                + described + " (" + current.destination() + ")");
        return Optional.of(new ContainerDelivery(options.group(), stream, described, options, destination, current,
                DeliveryStats.SHARED, INITIAL_BACKOFF, deliveredThrough));
    }

    /** The group and stream for log lines, unless a secret option names them. */
    static String describe(ContainerLogSource source, String group, String stream) {
        boolean secret = source.secretOptions().contains("awslogs-group")
                || source.secretOptions().contains("awslogs-stream-prefix");
        return secret ? "the stream of " + source.containerName() + " of task " + source.taskId()
                : group + " " + stream;
    }

    private DeliverySettings settings() {
        DeliverySettings read = settings;
        if (read == null) {
            read = DeliverySettings.read(context);
            settings = read;
        }
        return read;
    }
}
