package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ContainerLog;
import dev.localecs.api.ContainerLogSink;
import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.PluginContext;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * The {@code awslogs} log driver: a container whose definition logs with {@code awslogs} has its output delivered
 * as CloudWatch Logs events to {@code awslogs-group}, stream {@code <awslogs-stream-prefix>/<container>/<task id>}
 * (the container id without a prefix), at {@code logs.destination}: the embedded store (default), CloudWatch Logs
 * upstream with the task's execution role, or nowhere ({@code none}: Docker keeps it, as for every container).
 * A missing group without {@code awslogs-create-group: "true"} fails the container as on ECS. A container followed
 * again after a restart delivers only the lines stamped after its stream's last event.
 */
@Extension
public final class AwslogsSink implements ContainerLogSink {
    private static final Logger LOG = Logger.getLogger(AwslogsSink.class.getName());
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    private final PluginContext context;
    private volatile DeliverySettings settings;

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
            case EMBEDDED -> new EmbeddedDestination(LogStores.of(context));
            case UPSTREAM -> new UpstreamDestination(current.endpoint(), options.region().orElse(current.region()),
                    source.executionCredentials());
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
        LOG.fine(() -> "Delivering the output of " + source.containerName() + " of task " + source.taskId() + " to "
                + options.group() + " " + stream + " (" + current.destination() + ")");
        return Optional.of(new ContainerDelivery(options.group(), stream, options, destination, current,
                DeliveryStats.SHARED, INITIAL_BACKOFF, deliveredThrough));
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
