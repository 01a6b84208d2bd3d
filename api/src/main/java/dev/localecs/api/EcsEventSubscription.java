package dev.localecs.api;

/** A subscription to {@link EcsEvents}; closing it ends the deliveries. */
public interface EcsEventSubscription extends AutoCloseable {

    /** Ends the subscription. */
    @Override
    void close();
}
