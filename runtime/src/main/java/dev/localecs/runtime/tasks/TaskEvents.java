package dev.localecs.runtime.tasks;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.TaskListener;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Task state events: the lifecycle {@link #publish(Task) publishes} a snapshot while it holds the task's lock
 * (so one task's snapshots are queued in the order of its changes); each subscriber has its own queue and
 * its own virtual thread, so a slow or failing listener delays nobody but itself.
 */
final class TaskEvents implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskEvents.class.getName());
    private static final Task STOP = null;

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Whether anybody listens (snapshots are only made then).
     *
     * @return true with at least one subscriber
     */
    boolean active() {
        return !subscribers.isEmpty();
    }

    /**
     * Queues a snapshot for every subscriber.
     *
     * @param task the snapshot
     */
    void publish(Task task) {
        for (Subscriber subscriber : subscribers) {
            subscriber.queue.add(new Delivery(task));
        }
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return its subscription
     */
    TaskSubscription subscribe(TaskListener listener) {
        Subscriber subscriber = new Subscriber(requireNonNull(listener, "listener is null"));
        subscribers.add(subscriber);
        Thread.ofVirtual().name("task-listener-" + listener.getClass().getSimpleName())
                .start(subscriber::drain);
        return subscriber;
    }

    @Override
    public void close() {
        subscribers.forEach(Subscriber::close);
    }

    /** A queued snapshot (a record, so the end marker can be told apart from a task). */
    private record Delivery(Task task) {
    }

    private final class Subscriber implements TaskSubscription {
        private final TaskListener listener;
        private final LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        Subscriber(TaskListener listener) {
            this.listener = listener;
        }

        void drain() {
            while (!closed) {
                Delivery next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (next.task() == STOP || closed) {
                    return;
                }
                try {
                    listener.onTaskChange(next.task());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Task listener " + listener.getClass().getName() + " failed on task "
                            + next.task().taskArn() + " (the next change is still delivered)", e);
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
            queue.clear();
            queue.add(new Delivery(STOP));
        }
    }
}
