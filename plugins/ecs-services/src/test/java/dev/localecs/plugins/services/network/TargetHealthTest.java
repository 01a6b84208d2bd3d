package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front door's health book (ELB's states and thresholds, fail-open) and its HTTP check. */
class TargetHealthTest {
    private static final HealthCheckSettings SETTINGS = new HealthCheckSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(1), 3, 2);
    private static final Backend A = new Backend("arn:aws:ecs:us-east-1:000000000000:task/default/a", "127.0.0.1", 81);
    private static final Backend B = new Backend("arn:aws:ecs:us-east-1:000000000000:task/default/b", "127.0.0.1", 82);
    private static final TargetHealth.Check FAILED = new TargetHealth.Check(false,
            "Health checks failed with these codes: [500]");

    private final TargetHealth health = new TargetHealth(SETTINGS);
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aNewTargetIsHealthyAfterOnePassAndUnhealthyAfterTwoFailuresInARow() {
        assertThat(health.due(List.of(A), start)).containsExactly(A);
        assertThat(health.state(A.taskArn())).isEqualTo(TargetHealth.State.INITIAL);
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start);
        assertThat(health.state(A.taskArn())).isEqualTo(TargetHealth.State.HEALTHY);
        health.record(A.taskArn(), FAILED, start.plusSeconds(5));
        assertThat(health.state(A.taskArn())).as("one failure").isEqualTo(TargetHealth.State.HEALTHY);
        assertThat(health.failure(A.taskArn())).isEmpty();
        health.record(A.taskArn(), FAILED, start.plusSeconds(10));
        assertThat(health.state(A.taskArn())).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(health.failure(A.taskArn())).contains("Health checks failed with these codes: [500]");
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start.plusSeconds(15));
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start.plusSeconds(20));
        assertThat(health.state(A.taskArn())).as("two of three passes").isEqualTo(TargetHealth.State.UNHEALTHY);
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start.plusSeconds(25));
        assertThat(health.state(A.taskArn())).isEqualTo(TargetHealth.State.HEALTHY);
    }

    @Test
    void aTargetIsCheckedOnceAnIntervalAndForgottenWhenGone() {
        assertThat(health.due(List.of(A, B), start)).containsExactly(A, B);
        assertThat(health.due(List.of(A, B), start.plusSeconds(1))).as("checks under way").isEmpty();
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start.plusSeconds(1));
        assertThat(health.due(List.of(A, B), start.plusSeconds(5))).as("A's next at 6 s").isEmpty();
        assertThat(health.due(List.of(A, B), start.plusSeconds(6))).containsExactly(A);
        assertThat(health.due(List.of(B), start.plusSeconds(7))).isEmpty();
        assertThat(health.state(A.taskArn())).as("forgotten").isEqualTo(TargetHealth.State.INITIAL);
    }

    @Test
    void trafficGoesToHealthyTargetsOnlyAndToAllWhenNoneIs() {
        health.due(List.of(A, B), start);
        assertThat(health.routable(List.of(A, B))).as("all INITIAL: fail open").containsExactly(A, B);
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start);
        health.record(B.taskArn(), FAILED, start);
        assertThat(health.routable(List.of(A, B))).as("B still INITIAL").containsExactly(A);
        health.record(A.taskArn(), FAILED, start.plusSeconds(5));
        health.record(A.taskArn(), FAILED, start.plusSeconds(10));
        assertThat(health.routable(List.of(B, A))).as("none healthy: fail open").containsExactly(B, A);
    }

    @Test
    void theBalancerRoutesAroundAnUnhealthyTargetAndCountsConnections() {
        Balancer balancer = new Balancer();
        balancer.update(List.of(A, B));
        balancer.checkedBy(health);
        health.due(List.of(A, B), start);
        health.record(A.taskArn(), TargetHealth.Check.PASSED, start);
        health.record(B.taskArn(), TargetHealth.Check.PASSED, start);
        health.record(B.taskArn(), FAILED, start.plusSeconds(5));
        health.record(B.taskArn(), FAILED, start.plusSeconds(10));
        for (int i = 0; i < 4; i++) {
            assertThat(balancer.order()).containsExactly(A);
        }
        balancer.opened(A.taskArn());
        balancer.opened(A.taskArn());
        balancer.closed(A.taskArn());
        assertThat(balancer.relayed()).isEqualTo(2);
    }

    @Test
    void statusLinesAreJudgedAsAnAlbDefaultMatcherForExpressServices() {
        assertThat(HealthProbe.verdict("HTTP/1.1 200 OK").passed()).isTrue();
        assertThat(HealthProbe.verdict("HTTP/1.0 302 Found").passed()).isTrue();
        assertThat(HealthProbe.verdict("HTTP/1.1 404 Not Found"))
                .isEqualTo(new TargetHealth.Check(false, "Health checks failed with these codes: [404]"));
        assertThat(HealthProbe.verdict("HTTP/1.1 500 Internal Server Error").reason())
                .isEqualTo("Health checks failed with these codes: [500]");
        assertThat(HealthProbe.verdict(null).passed()).isFalse();
        assertThat(HealthProbe.verdict("SSH-2.0-OpenSSH").passed()).isFalse();
    }

    @Test
    void theProbeSendsAGetForThePathAndReadsTheStatus() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<String> requests = new ArrayList<>();
            Thread answer = Thread.ofVirtual().start(() -> {
                for (String status : List.of("500 Internal Server Error", "204 No Content")) {
                    try (Socket client = server.accept()) {
                        InputStream in = client.getInputStream();
                        byte[] buffer = new byte[1024];
                        int read = in.read(buffer);
                        requests.add(new String(buffer, 0, Math.max(0, read), StandardCharsets.US_ASCII));
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Backend target = new Backend(A.taskArn(), "127.0.0.1", server.getLocalPort());
            assertThat(HealthProbe.check(target, "/ping", Duration.ofSeconds(2)).reason())
                    .isEqualTo("Health checks failed with these codes: [500]");
            assertThat(HealthProbe.check(target, "/ping", Duration.ofSeconds(2)).passed()).isTrue();
            answer.join(Duration.ofSeconds(5));
            assertThat(requests.getFirst()).startsWith("GET /ping HTTP/1.1\r\n")
                    .contains("User-Agent: ELB-HealthChecker/2.0");
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        assertThat(HealthProbe.check(new Backend(A.taskArn(), "127.0.0.1", closed), "/ping", Duration.ofSeconds(1)))
                .isEqualTo(new TargetHealth.Check(false, "Health checks failed"));
    }
}
