package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test helper's notion of "the engine has exited": a zombie has, a sleeping process has not. */
class DockerTest {
    @Test
    void anExitedChildItsParentNeverReapsHasExitedAndARunningProcessHasNot() throws Exception {
        // sh starts a short child, then becomes `sleep 30`, which never reaps it: the child stays a zombie
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 30").start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<ProcessHandle> forked = parent.toHandle().children().findFirst();
            while (forked.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                forked = parent.toHandle().children().findFirst();
            }
            ProcessHandle child = forked.orElseThrow(() -> new AssertionError("sh started no child within 10 s"));
            assertThat(Docker.executing(parent.pid())).isTrue();
            while (Docker.executing(child.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Docker.executing(child.pid())).as("the unreaped child after it exited").isFalse();
            assertThat(child.isAlive()).as("the JDK still counts the zombie as alive").isTrue();
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Docker.executing(parent.pid())).isFalse();
    }
}
