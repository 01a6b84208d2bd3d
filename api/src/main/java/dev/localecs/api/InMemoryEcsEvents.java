package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EcsEvents#inMemory()}: the subscribers in a copy-on-write list, called on the publisher's thread. */
final class InMemoryEcsEvents implements EcsEvents {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEcsEvents.class);

    private final List<EcsEventListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(EcsEvent event) {
        requireNonNull(event, "event is null");
        for (EcsEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("ECS event listener {} failed on {}: {}", listener, event.detailType(), e.toString());
            }
        }
    }

    @Override
    public EcsEventSubscription subscribe(EcsEventListener listener) {
        requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
