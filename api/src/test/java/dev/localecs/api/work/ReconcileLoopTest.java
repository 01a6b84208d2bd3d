package dev.localecs.api.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
    @Test
    void aBurstOfWakesOfOneKeyQueuesItOnceAndAWakeAfterItWasTakenQueuesItAgain() throws Exception {
        WakeQueue wakes = new WakeQueue();
        wakes.wake("a");
        wakes.wake("b");
        wakes.wake("a");
        assertThat(wakes.next(Duration.ZERO)).contains("a");
        wakes.wake("a");
        assertThat(wakes.next(Duration.ZERO)).contains("b");
        assertThat(wakes.next(Duration.ZERO)).contains("a");
        assertThat(wakes.next(Duration.ofMillis(-5))).isEmpty();
    }

    @Test
    void looksAtEveryKeyOnTheTickAndAtAWokenKeyAtOnce() throws Exception {
        WakeQueue wakes = new WakeQueue();
        AtomicInteger ticks = new AtomicInteger();
        List<String> woken = new CopyOnWriteArrayList<>();
        try (ReconcileLoop loop = ReconcileLoop.start("test-loop", Duration.ofHours(1), wakes, reconciler(ticks, woken,
                new AtomicBoolean()))) {
            await(() -> ticks.get() == 1);
            wakes.wake("web");
            await(() -> woken.contains("web"));
            assertThat(ticks.get()).as("the hour-long tick has not come again").isEqualTo(1);
            assertThat(loop.problem()).isEmpty();
        }
    }

    @Test
    void aFailedStepIsTheProblemUntilAStepSucceeds() throws Exception {
        WakeQueue wakes = new WakeQueue();
        AtomicBoolean failing = new AtomicBoolean(true);
        List<String> woken = new CopyOnWriteArrayList<>();
        try (ReconcileLoop loop = ReconcileLoop.start("test-loop", Duration.ofHours(1), wakes,
                reconciler(new AtomicInteger(), woken, failing))) {
            wakes.wake("web");
            await(() -> loop.problem().isPresent());
            assertThat(loop.problem()).contains("The test-loop failed: broken web");
            failing.set(false);
            wakes.wake("web");
            await(() -> loop.problem().isEmpty());
            assertThat(woken).contains("web");
        }
    }

    @Test
    void closingStopsTheThread() throws Exception {
        ReconcileLoop loop = ReconcileLoop.start("test-loop-closed", Duration.ofMillis(10), new WakeQueue(),
                reconciler(new AtomicInteger(), new CopyOnWriteArrayList<>(), new AtomicBoolean()));
        loop.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-loop-closed"));
    }

    private static ReconcileLoop.Reconciler reconciler(AtomicInteger ticks, List<String> woken, AtomicBoolean failing) {
        return new ReconcileLoop.Reconciler() {
            @Override
            public void reconcileAll() {
                ticks.incrementAndGet();
            }

            @Override
            public void reconcile(String key) {
                if (failing.get()) {
                    throw new IllegalStateException("broken " + key);
                }
                woken.add(key);
            }
        };
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
