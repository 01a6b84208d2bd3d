package dev.localecs.api;

/**
 * A listener's subscription to task state changes; closing it stops the deliveries (changes already queued
 * for the listener are dropped).
 */
public interface TaskSubscription extends AutoCloseable {

    /** Ends the subscription. */
    @Override
    void close();
}
