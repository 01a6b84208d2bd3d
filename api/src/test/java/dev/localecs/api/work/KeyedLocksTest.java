package dev.localecs.api.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
    @Test
    void workOnOneKeyWaitsForItsLockWhileAnotherKeyGoesOn() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> locks.locked("web", () -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(locks.locked("api", () -> "other key at once")).isEqualTo("other key at once");
        CountDownLatch second = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> locks.locked("web", () -> {
            second.countDown();
            return null;
        }));
        assertThat(second.await(200, TimeUnit.MILLISECONDS)).as("same key waits").isFalse();
        release.countDown();
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        holder.join();
        waiter.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
