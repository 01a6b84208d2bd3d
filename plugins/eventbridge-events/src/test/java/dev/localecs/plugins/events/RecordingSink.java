package dev.localecs.plugins.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A hand-written EventBridge for the tests: records every PutEvents batch it accepts; can be held (the first
 * call waits until released), taken down (calls fail as an unreachable endpoint does) or made to refuse
 * entries.
 */
final class RecordingSink implements EventSink {
    private final List<List<EventEntry>> batches = new ArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released;
    private volatile boolean down;
    private volatile Function<EventEntry, Optional<String>> refusals = entry -> Optional.empty();
    private volatile Duration delay = Duration.ZERO;
    private int calls;
    private boolean closed;

    private RecordingSink(boolean held) {
        this.released = new CountDownLatch(held ? 1 : 0);
    }

    static RecordingSink open() {
        return new RecordingSink(false);
    }

    static RecordingSink held() {
        return new RecordingSink(true);
    }

    @Override
    public List<Optional<String>> put(List<EventEntry> entries) {
        assertThat(entries).hasSizeLessThanOrEqualTo(MAX_BATCH);
        entered.countDown();
        try {
            if (!released.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the sink");
            }
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        }
        synchronized (this) {
            calls++;
            notifyAll();
            if (down) {
                throw new DeliveryException("PutEvents to http://127.0.0.1:1 failed: Connection refused");
            }
            List<Optional<String>> results = entries.stream().map(refusals).toList();
            List<EventEntry> accepted = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (results.get(i).isEmpty()) {
                    accepted.add(entries.get(i));
                }
            }
            if (!accepted.isEmpty()) {
                batches.add(accepted);
            }
            return results;
        }
    }

    void awaitEntered() throws InterruptedException {
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the sink was called").isTrue();
    }

    void release() {
        released.countDown();
    }

    void down(boolean down) {
        this.down = down;
    }

    void refuse(Function<EventEntry, Optional<String>> refusals) {
        this.refusals = refusals;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    synchronized List<List<EventEntry>> batches() {
        return batches.stream().map(List::copyOf).toList();
    }

    synchronized List<EventEntry> events() {
        return batches.stream().flatMap(List::stream).toList();
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Waits (bounded) until at least {@code count} events were accepted. */
    synchronized List<EventEntry> awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events().size() < count && System.nanoTime() < deadline) {
            wait(50);
        }
        assertThat(events()).as("events accepted").hasSizeGreaterThanOrEqualTo(count);
        return events();
    }

    /** Waits (bounded) until at least {@code count} calls were made. */
    synchronized void awaitCalls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls < count && System.nanoTime() < deadline) {
            wait(50);
        }
        assertThat(calls).as("PutEvents calls").isGreaterThanOrEqualTo(count);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
