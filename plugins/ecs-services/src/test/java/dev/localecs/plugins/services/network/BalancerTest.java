package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerTest {
    private static final Backend A = new Backend("arn:task/a", "169.254.170.10", 80);
    private static final Backend B = new Backend("arn:task/b", "169.254.170.11", 80);
    private static final Backend C = new Backend("arn:task/c", "127.0.0.1", 32768);

    @Test
    void eachConnectionStartsAtTheNextBackendInTurnAndListsTheOthersAfterIt() {
        Balancer balancer = new Balancer();
        balancer.update(List.of(A, B, C));
        assertThat(balancer.order()).containsExactly(A, B, C);
        assertThat(balancer.order()).containsExactly(B, C, A);
        assertThat(balancer.order()).containsExactly(C, A, B);
        assertThat(balancer.order()).containsExactly(A, B, C);
    }

    @Test
    void aDrainedTaskIsOutAtOnceAndStaysOutWhenAnOlderListingStillHasIt() {
        Balancer balancer = new Balancer();
        balancer.update(List.of(A, B));
        assertThat(balancer.drain(A.taskArn())).isTrue();
        assertThat(balancer.backends()).containsExactly(B);
        balancer.update(List.of(A, B, C));
        assertThat(balancer.backends()).containsExactly(B, C);
        // once the task is no longer listed at all, the drain is forgotten
        balancer.update(List.of(B));
        balancer.update(List.of(A, B));
        assertThat(balancer.backends()).containsExactly(A, B);
        assertThat(balancer.drain("arn:task/unknown")).isFalse();
    }

    @Test
    void noBackendsMeansNothingToTry() {
        assertThat(new Balancer().order()).isEmpty();
    }

    @Test
    void openConnectionsAreCountedPerTask() {
        Balancer balancer = new Balancer();
        balancer.opened(A.taskArn());
        balancer.opened(A.taskArn());
        balancer.opened(B.taskArn());
        balancer.closed(A.taskArn());
        assertThat(balancer.active(A.taskArn())).isEqualTo(1);
        balancer.closed(A.taskArn());
        balancer.closed(A.taskArn());
        assertThat(balancer.active(A.taskArn())).isZero();
        assertThat(balancer.active(B.taskArn())).isEqualTo(1);
    }
}
