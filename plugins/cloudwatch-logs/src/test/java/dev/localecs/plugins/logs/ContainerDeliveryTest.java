package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One container's delivery: order, retries with backoff, drops counted, a bounded buffer. */
class ContainerDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Records batches; fails the first {@code failures} calls with a retryable error; may hold calls. */
    private static final class FakeDestination implements LogDestination {
        final List<List<OutgoingEvent>> batches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final CountDownLatch open;
        volatile boolean closed;

        FakeDestination(int failures, CountDownLatch open) {
            this.failures = failures;
            this.open = open;
        }

        @Override
        public void prepare(String group, String stream, boolean createGroup) {
        }

        @Override
        public java.util.OptionalLong lastTimestamp(String group, String stream) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public void put(String group, String stream, List<OutgoingEvent> batch) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (calls.incrementAndGet() <= failures) {
                throw new DeliveryException("throttled", null);
            }
            batches.add(batch);
        }

        @Override
        public void close() {
            closed = true;
        }

        List<String> messages() {
            return batches.stream().flatMap(List::stream).map(OutgoingEvent::message).toList();
        }
    }

    private static DeliverySettings settings(int bufferLines, int attempts) {
        return new DeliverySettings(DeliverySettings.Destination.EMBEDDED, Optional.empty(), "us-east-1",
                bufferLines, attempts, Duration.ofMillis(200));
    }

    private static ContainerDelivery delivery(FakeDestination destination, DeliverySettings settings,
                                              DeliveryStats stats) {
        return new ContainerDelivery("g", "s", "g s", AwslogsOptions.of(Map.of("awslogs-group", "g")), destination,
                settings, stats, Duration.ofMillis(5), Long.MIN_VALUE);
    }

    private static OutputLine line(int i) {
        return new OutputLine(T0.plusMillis(i), OutputLine.Source.STDOUT, "line " + i);
    }

    @Test
    void retriedBatchesKeepTheirOrderAndEndCompletesAfterTheLast() throws Exception {
        FakeDestination destination = new FakeDestination(3, new CountDownLatch(0));
        DeliveryStats stats = new DeliveryStats();
        ContainerDelivery delivery = delivery(destination, settings(100, 8), stats);
        for (int i = 0; i < 25_000; i++) {
            delivery.accept(line(i));
        }
        delivery.end().toCompletableFuture().get(20, TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            expected.add("line " + i);
        }
        assertThat(destination.messages()).isEqualTo(expected);
        assertThat(destination.batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(10_000));
        assertThat(stats.delivered()).isEqualTo(25_000);
        assertThat(stats.dropped()).isZero();
        assertThat(destination.closed).isTrue();
    }

    @Test
    void aBatchThatKeepsFailingIsDroppedAndCounted() throws Exception {
        FakeDestination destination = new FakeDestination(Integer.MAX_VALUE, new CountDownLatch(0));
        DeliveryStats stats = new DeliveryStats();
        ContainerDelivery delivery = delivery(destination, settings(100, 3), stats);
        delivery.accept(line(1));
        delivery.end().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(destination.calls.get()).isEqualTo(3);
        assertThat(stats.dropped()).isEqualTo(1);
        assertThat(stats.problemSince(0)).hasValueSatisfying(p -> assertThat(p).contains("throttled"));
    }

    @Test
    void aFullBufferMakesTheReaderWaitInsteadOfGrowing() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        FakeDestination destination = new FakeDestination(0, open);
        ContainerDelivery delivery = delivery(destination, settings(10, 8), new DeliveryStats());
        AtomicInteger accepted = new AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    delivery.accept(line(i));
                    accepted.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(300);
        // the drainer holds at most one drained chunk while the destination blocks; the buffer holds 10 more
        assertThat(accepted.get()).as("lines taken while the destination blocks").isLessThanOrEqualTo(10 + 1024);
        assertThat(reader.isAlive()).isTrue();

        open.countDown();
        reader.join(10_000);
        delivery.end().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(accepted.get()).isEqualTo(1000);
        assertThat(destination.messages()).hasSize(1000).startsWith("line 0").endsWith("line 999");
    }
}
