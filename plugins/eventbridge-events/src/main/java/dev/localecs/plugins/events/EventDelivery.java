package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery queue and its thread: events are queued at once (the listener never waits for EventBridge),
 * sent in order in batches of up to {@value EventSink#MAX_BATCH}, and retried with {@link Backoff}. A failed call
 * is retried until it succeeds (the next events wait, keeping the order); an entry EventBridge refuses is
 * retried {@value #MAX_ENTRY_ATTEMPTS} times, then dropped. When {@value #CAPACITY} events are waiting, the
 * oldest is dropped for a new one. {@link #problem()} says what is wrong for {@code /health}; {@link #close()}
 * flushes what is queued, for a bounded time.
 */
final class EventDelivery implements Consumer<EventEntry>, AutoCloseable {
    static final int CAPACITY = 10_000;
    static final int MAX_ENTRY_ATTEMPTS = 5;
    /** How long a loss (refused or dropped events) stays in {@link #problem()} after the last one. */
    static final Duration LOSS_SHOWN_FOR = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(EventDelivery.class.getName());

    private final EventSink sink;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration flushTimeout;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long flushDeadline;
    private final Health health = new Health();

    private EventDelivery(EventSink sink, Backoff backoff, Clock clock, Duration flushTimeout) {
        this.sink = requireNonNull(sink, "sink is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.flushTimeout = requireNonNull(flushTimeout, "flushTimeout is null");
        this.thread = Thread.ofPlatform().daemon().name("eventbridge-events").unstarted(this::run);
        thread.setContextClassLoader(EventDelivery.class.getClassLoader());
    }

    /**
     * Starts the delivery thread.
     *
     * @param sink where batches go
     * @param backoff the pauses between attempts
     * @param clock the clock of {@link #problem()}'s times
     * @param flushTimeout how long {@link #close()} goes on sending what is queued
     * @return the running delivery
     */
    static EventDelivery start(EventSink sink, Backoff backoff, Clock clock, Duration flushTimeout) {
        EventDelivery delivery = new EventDelivery(sink, backoff, clock, flushTimeout);
        delivery.thread.start();
        return delivery;
    }

    /** Queues an event; never blocks. */
    @Override
    public void accept(EventEntry entry) {
        if (stopping) {
            return;
        }
        Pending pending = new Pending(entry);
        while (!queue.offer(pending)) {
            if (queue.poll() != null) {
                health.overflow(clock.instant());
            }
        }
    }

    /**
     * What is wrong with the delivery, if anything.
     *
     * @return failing calls, or events lost in the last {@link #LOSS_SHOWN_FOR}
     */
    Optional<String> problem() {
        return health.problem(clock.instant(), queue.size());
    }

    private void run() {
        while (true) {
            List<Pending> batch = nextBatch();
            if (batch.isEmpty()) {
                if (stopping) {
                    return;
                }
                continue;
            }
            send(batch);
            if (stopping && System.nanoTime() - flushDeadline > 0) {
                return;
            }
        }
    }

    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>(EventSink.MAX_BATCH);
        try {
            Pending first = stopping ? queue.poll() : queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
            queue.drainTo(batch, EventSink.MAX_BATCH - 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        List<Pending> pending = batch;
        int failures = 0;
        while (!pending.isEmpty()) {
            if (stopping && System.nanoTime() - flushDeadline > 0) {
                health.lostAtStop(pending.size());
                return;
            }
            List<Optional<String>> results;
            try {
                results = sink.put(pending.stream().map(Pending::entry).toList());
            } catch (RuntimeException e) {
                failures++;
                if (health.failed(clock.instant(), e.getMessage())) {
                    LOG.log(Level.WARNING, "Sending ECS events failed; retrying with backoff: " + e.getMessage());
                }
                pause(backoff.after(failures));
                continue;
            }
            if (health.succeeded()) {
                LOG.info("Sending ECS events works again");
            }
            failures = 0;
            List<Pending> again = new ArrayList<>();
            int mostAttempts = 0;
            for (int i = 0; i < pending.size(); i++) {
                Optional<String> refusal = results.get(i);
                Pending entry = pending.get(i);
                if (refusal.isEmpty()) {
                    continue;
                }
                int attempts = entry.failed();
                if (attempts >= MAX_ENTRY_ATTEMPTS) {
                    health.refused(clock.instant(), refusal.get());
                    LOG.warning("EventBridge refused an event " + MAX_ENTRY_ATTEMPTS + " times; dropped it: "
                            + refusal.get() + " (" + entry.entry().detailType() + " " + entry.entry().resources()
                            + ")");
                } else {
                    again.add(entry);
                    mostAttempts = Math.max(mostAttempts, attempts);
                }
            }
            pending = again;
            if (!pending.isEmpty()) {
                pause(backoff.after(mostAttempts));
            }
        }
    }

    private void pause(Duration pause) {
        try {
            if (!stopping) {
                stopSignal.await(pause.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                long left = flushDeadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, pause.toNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            flushDeadline = System.nanoTime();
        }
    }

    /**
     * Stops taking events and sends what is queued, for at most the flush timeout; what is still unsent then
     * is lost (and logged).
     */
    @Override
    public void close() {
        flushDeadline = System.nanoTime() + flushTimeout.toNanos();
        stopping = true;
        stopSignal.countDown();
        try {
            if (!thread.join(flushTimeout.plusSeconds(1))) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int lost = health.lostAtStop() + queue.size();
        if (lost > 0) {
            LOG.warning(lost + " ECS events were not sent before the shutdown");
        }
    }

    /** An event with the number of times EventBridge refused it. */
    private static final class Pending {
        private final EventEntry entry;
        private int refusals;

        Pending(EventEntry entry) {
            this.entry = entry;
        }

        EventEntry entry() {
            return entry;
        }

        int failed() {
            return ++refusals;
        }
    }

    /** The delivery's troubles, for {@link #problem()}. */
    private static final class Health {
        private Instant failingSince;
        private int failedCalls;
        private String lastFailure;
        private long refused;
        private String lastRefusal;
        private long overflowed;
        private Instant lastLoss;
        private int lostAtStop;

        /** Records a failed call; true for the first of a series. */
        synchronized boolean failed(Instant now, String message) {
            failedCalls++;
            lastFailure = message;
            if (failingSince == null) {
                failingSince = now;
                return true;
            }
            return false;
        }

        /** Records a successful call; true when it ends a series of failures. */
        synchronized boolean succeeded() {
            boolean recovered = failingSince != null;
            failingSince = null;
            failedCalls = 0;
            lastFailure = null;
            return recovered;
        }

        synchronized void refused(Instant now, String reason) {
            refused++;
            lastRefusal = reason;
            lastLoss = now;
        }

        synchronized void overflow(Instant now) {
            overflowed++;
            lastLoss = now;
        }

        synchronized void lostAtStop(int count) {
            lostAtStop = count;
        }

        synchronized int lostAtStop() {
            return lostAtStop;
        }

        synchronized Optional<String> problem(Instant now, int waiting) {
            List<String> parts = new ArrayList<>();
            if (failingSince != null) {
                parts.add("PutEvents failing since " + TaskStateChangeEvents.iso(failingSince) + " (" + failedCalls
                        + " attempts, " + waiting + " more events waiting): " + lastFailure);
            }
            if (lastLoss != null && now.isBefore(lastLoss.plus(LOSS_SHOWN_FOR))) {
                if (refused > 0) {
                    parts.add(refused + " events refused by EventBridge " + MAX_ENTRY_ATTEMPTS
                            + " times and dropped (last: " + lastRefusal + ")");
                }
                if (overflowed > 0) {
                    parts.add(overflowed + " events dropped because " + CAPACITY + " were already waiting");
                }
            }
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
        }
    }
}
