package dev.localecs.runtime.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.TaskService;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.model.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one fan-out of task changes to every open dashboard: a single {@link TaskService#subscribe} listener
 * keeps the latest snapshot per task; a flusher turns what changed within {@link #COALESCE} into one
 * server-sent event, serialised (and redacted) once and shared by every connection, kept in a short ring so a
 * connection that was busy writing catches up. A connection costs a parked virtual thread and nothing per
 * change beyond writing the shared bytes; a burst of changes is one event.
 */
final class TaskEventHub implements AutoCloseable {
    /** How long changes are gathered into one event. */
    static final Duration COALESCE = Duration.ofMillis(150);
    private static final Logger LOG = Logger.getLogger(TaskEventHub.class.getName());
    private static final int RING = 64;

    private final ObjectMapper json;
    private final Object lock = new Object();
    private final Map<String, Task> pending = new LinkedHashMap<>();
    private final Deque<Batch> ring = new ArrayDeque<>();
    private final TaskSubscription subscription;
    private final Thread flusher;
    private final Duration coalesce;
    private long sequence;
    private boolean closed;

    /**
     * One event as written on the wire.
     *
     * @param sequence its number, increasing
     * @param bytes the {@code text/event-stream} frame
     */
    record Batch(long sequence, byte[] bytes) {
    }

    /**
     * What a connection gets when it asks for news.
     *
     * @param batches the events after the ones it saw, in order
     * @param missed true when some fell out of the ring: the page should reload its lists
     * @param closed true when the hub shut down
     */
    record News(List<Batch> batches, boolean missed, boolean closed) {
    }

    TaskEventHub(TaskService tasks, ObjectMapper json) {
        this(tasks, json, COALESCE);
    }

    TaskEventHub(TaskService tasks, ObjectMapper json, Duration coalesce) {
        this.json = json;
        this.coalesce = coalesce;
        this.flusher = Thread.ofVirtual().name("ui-task-events").unstarted(this::flushLoop);
        this.subscription = tasks.subscribe(this::changed);
        flusher.start();
    }

    private void changed(Task task) {
        synchronized (lock) {
            pending.put(task.taskArn(), task);
            lock.notifyAll();
        }
    }

    private void flushLoop() {
        try {
            while (true) {
                synchronized (lock) {
                    while (pending.isEmpty() && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(coalesce);
                List<Task> changes;
                synchronized (lock) {
                    changes = new ArrayList<>(pending.values());
                    pending.clear();
                }
                publish(changes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(List<Task> changes) {
        ObjectNode body = json.createObjectNode();
        ArrayNode tasks = body.putArray("tasks");
        changes.forEach(task -> tasks.add(Redactor.redact(json.valueToTree(task))));
        byte[] frame;
        synchronized (lock) {
            long next = sequence + 1;
            try {
                frame = ("id: " + next + "\nevent: tasks\ndata: " + json.writeValueAsString(body) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                LOG.log(Level.WARNING, "Cannot serialise task changes for the dashboard", e);
                return;
            }
            sequence = next;
            ring.addLast(new Batch(next, frame));
            while (ring.size() > RING) {
                ring.removeFirst();
            }
            lock.notifyAll();
        }
    }

    /**
     * The number of the latest event, where a new connection starts.
     *
     * @return the sequence
     */
    long sequence() {
        synchronized (lock) {
            return sequence;
        }
    }

    /**
     * Waits (bounded) for events after {@code seen}.
     *
     * @param seen the last event the connection wrote
     * @param timeout how long to wait; nothing new within it answers empty (time for a keep-alive)
     * @return the news
     * @throws InterruptedException when interrupted
     */
    News await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (sequence <= seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new News(List.of(), false, false);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            if (closed) {
                return new News(List.of(), false, true);
            }
            List<Batch> after = ring.stream().filter(batch -> batch.sequence() > seen).toList();
            Optional<Batch> first = ring.stream().findFirst();
            boolean missed = first.isPresent() && first.get().sequence() > seen + 1;
            return new News(after, missed, false);
        }
    }

    @Override
    public void close() {
        subscription.close();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
