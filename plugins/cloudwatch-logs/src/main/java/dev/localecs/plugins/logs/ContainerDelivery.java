package dev.localecs.plugins.logs;

import dev.localecs.api.ContainerLog;
import dev.localecs.api.OutputLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One container's awslogs delivery: a bounded buffer of lines (a full buffer makes {@link #accept(OutputLine)}
 * wait, which slows the reading of Docker's output, never the container) drained by a thread of its own that
 * joins lines into events, batches them by CloudWatch's limits and sends each batch as soon as no more lines are
 * waiting. A batch that fails for a while is tried again with exponential backoff (200 ms to 10 s) up to the
 * configured attempts, then dropped and counted; batches never overtake each other. A container followed again
 * after a restart skips the lines stamped up to its stream's last event (delivered before the restart).
 */
final class ContainerDelivery implements ContainerLog {
    private static final Logger LOG = Logger.getLogger(ContainerDelivery.class.getName());
    private static final Object END = new Object();
    private static final int DRAIN = 1024;

    private final String group;
    private final String stream;
    private final String described;
    private final LogDestination destination;
    private final int attempts;
    private final Duration multilineFlush;
    private final DeliveryStats stats;
    private final EventJoiner joiner;
    private final EventBatches batches = new EventBatches();
    private final BlockingQueue<Object> queue;
    private final CompletableFuture<Void> delivered = new CompletableFuture<>();
    private final Duration initialBackoff;
    private volatile boolean failed;
    /** Lines stamped up to this (epoch milliseconds) were delivered before a restart. */
    private final long deliveredThrough;

    ContainerDelivery(String group, String stream, String described, AwslogsOptions options,
                      LogDestination destination,
                      DeliverySettings settings, DeliveryStats stats, Duration initialBackoff,
                      long deliveredThrough) {
        this.deliveredThrough = deliveredThrough;
        this.group = group;
        this.stream = stream;
        this.described = described;
        this.destination = destination;
        this.attempts = settings.attempts();
        this.multilineFlush = settings.multilineFlush();
        this.stats = stats;
        this.initialBackoff = initialBackoff;
        this.joiner = new EventJoiner(options.multiline());
        this.queue = new ArrayBlockingQueue<>(settings.bufferLines());
        Thread.ofVirtual().name("awslogs " + described).start(this::drain);
    }

    @Override
    public void accept(OutputLine line) throws InterruptedException {
        if (!failed) {
            queue.put(line);
        }
    }

    @Override
    public CompletionStage<Void> end() {
        try {
            if (!failed) {
                queue.put(END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivered.complete(null);
        }
        return delivered;
    }

    private void drain() {
        List<Object> items = new ArrayList<>(DRAIN);
        try {
            while (true) {
                Object first = joiner.pending() ? queue.poll(multilineFlush.toMillis(), TimeUnit.MILLISECONDS)
                        : queue.take();
                if (first == null) {
                    joiner.flush().ifPresent(this::add);
                    send(batches.take());
                    continue;
                }
                items.add(first);
                queue.drainTo(items, DRAIN - 1);
                for (Object item : items) {
                    if (item == END) {
                        joiner.flush().ifPresent(this::add);
                        send(batches.take());
                        return;
                    }
                    OutputLine line = (OutputLine) item;
                    if (line.timestamp().toEpochMilli() > deliveredThrough) {
                        joiner.line(line).forEach(this::add);
                    }
                }
                items.clear();
                if (queue.isEmpty()) {
                    send(batches.take());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivering the output to " + described + " stopped", e);
            failed = true;
            queue.clear();
        } finally {
            destination.close();
            delivered.complete(null);
        }
    }

    private void add(OutgoingEvent event) {
        List<OutgoingEvent> full = batches.add(event);
        if (!full.isEmpty()) {
            send(full);
        }
    }

    private void send(List<OutgoingEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long backoff = initialBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                destination.put(group, stream, batch);
                stats.delivered(batch.size());
                return;
            } catch (LogDestination.DeliveryException e) {
                if (attempt >= attempts) {
                    stats.dropped(batch.size(), e.getMessage());
                    LOG.warning("Dropped " + batch.size() + " log events of " + described + " after "
                            + attempt + " attempts: " + e.getMessage());
                    return;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            } catch (RuntimeException e) {
                stats.dropped(batch.size(), e.getMessage());
                LOG.log(Level.WARNING, "Dropped " + batch.size() + " log events of " + described, e);
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
