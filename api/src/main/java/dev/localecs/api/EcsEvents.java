package dev.localecs.api;

/**
 * The runtime's in-process bus of ECS events meant for EventBridge: a plugin that owns a resource publishes
 * its events ("ECS Service Action", "ECS Deployment State Change"…) here, and the plugin that delivers events
 * to EventBridge subscribes, so neither depends on the other. Task state changes do not go through it: they
 * come from {@link TaskService#subscribe(TaskListener)}. With no subscriber a published event is dropped, as
 * an event with no rule is on EventBridge.
 */
public interface EcsEvents {

    /**
     * Hands an event to every subscriber, on the caller's thread; never blocks on delivery.
     *
     * @param event the event
     */
    void publish(EcsEvent event);

    /**
     * Adds a subscriber.
     *
     * @param listener receives each event published from now on
     * @return the subscription; closing it stops the deliveries
     */
    EcsEventSubscription subscribe(EcsEventListener listener);

    /**
     * A bus kept in memory: subscribers are called in the order they subscribed.
     *
     * @return a new bus with no subscriber
     */
    static EcsEvents inMemory() {
        return new InMemoryEcsEvents();
    }
}
