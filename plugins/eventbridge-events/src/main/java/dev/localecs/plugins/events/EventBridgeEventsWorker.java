package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.EcsEventSubscription;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * Sends "ECS Task State Change" events, and the events other plugins publish on the runtime's
 * {@link dev.localecs.api.EcsEvents} bus ("ECS Service Action", "ECS Deployment State Change" from the services
 * plugin), to the default event bus of the EventBridge at {@code upstream.events.endpoint}
 * ({@code EVENTS_ENDPOINT_URL}): on start it subscribes a {@link TaskStateListener} to the task service and a
 * listener to the bus, and starts the {@link EventDelivery} thread; on stop it closes
 * the subscription and flushes the queue. Without an endpoint it does nothing (and says so once, at start).
 */
@Extension
public final class EventBridgeEventsWorker implements BackgroundWorker {
    private static final Logger LOG = Logger.getLogger(EventBridgeEventsWorker.class.getName());
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final PluginContext context;
    private final Function<EventsSettings, EventSink> sinks;
    private final Backoff backoff;
    private volatile Running running;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public EventBridgeEventsWorker(PluginContext context) {
        this(context, EventBridgeSink::new, Backoff.DEFAULT);
    }

    EventBridgeEventsWorker(PluginContext context, Function<EventsSettings, EventSink> sinks, Backoff backoff) {
        this.context = requireNonNull(context, "context is null");
        this.sinks = requireNonNull(sinks, "sinks is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    @Override
    public String name() {
        return "eventbridge-events";
    }

    @Override
    public synchronized void start() {
        Optional<EventsSettings> settings = EventsSettings.read(context);
        if (settings.isEmpty()) {
            LOG.info(EventsSettings.ENDPOINT_KEY + " (EVENTS_ENDPOINT_URL) is not set: ECS events are not sent");
            return;
        }
        EventSink sink = sinks.apply(settings.get());
        EventDelivery delivery = EventDelivery.start(sink, backoff, context.clock(), FLUSH_TIMEOUT);
        TaskSubscription subscription = context.tasks().subscribe(
                new TaskStateListener(new TaskStateChangeEvents(context.json(), context.clock()), delivery));
        EcsEventSubscription published = context.events().subscribe(event -> delivery.accept(new EventEntry(
                event.source(), event.detailType(), event.resources(), event.detail(), event.time())));
        running = new Running(sink, delivery, subscription, published);
        LOG.info("Sending ECS Task State Change, Service Action and Deployment State Change events to the default "
                + "event bus at " + settings.get().endpoint());
    }

    @Override
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        running.subscription().close();
        running.published().close();
        running.delivery().close();
        running.sink().close();
        running = null;
    }

    @Override
    public Optional<String> problem() {
        Running current = running;
        return current == null ? Optional.empty() : current.delivery().problem();
    }

    private record Running(EventSink sink, EventDelivery delivery, TaskSubscription subscription,
                           EcsEventSubscription published) {
    }
}
