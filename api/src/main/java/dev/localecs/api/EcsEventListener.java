package dev.localecs.api;

/**
 * Receives the events published on {@link EcsEvents}. Called on the publisher's thread, so it must only queue
 * the event (never send it, never block); an exception thrown here is logged and contained.
 */
@FunctionalInterface
public interface EcsEventListener {

    /**
     * One event.
     *
     * @param event the event
     */
    void onEvent(EcsEvent event);
}
