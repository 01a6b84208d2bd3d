package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.docker.HostPortClaims.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostPortClaimsTest {
    private static final HostPort ANY_8080 = new HostPort("", 8080, "tcp");
    private final HostPortClaims claims = new HostPortClaims();

    @Test
    void theFirstOwnerGetsAPortAndTheSecondIsToldWhoHoldsIt() {
        var first = claims.claim("task-a", List.of(ANY_8080), Map.of());
        var second = claims.claim("task-b", List.of(ANY_8080), Map.of());

        assertThat(first.granted()).containsExactly(ANY_8080);
        assertThat(first.refused()).isEmpty();
        assertThat(second.granted()).isEmpty();
        assertThat(second.refused()).containsExactly(Map.entry(ANY_8080, "task-a"));
        assertThat(claims.held("task-b")).isEmpty();
    }

    @Test
    void releasingAnOwnerFreesItsPortsForTheNextClaim() {
        claims.claim("task-a", List.of(ANY_8080, new HostPort("", 9090, "tcp")), Map.of());
        claims.release("task-a");

        assertThat(claims.held("task-a")).isEmpty();
        assertThat(claims.claim("task-c", List.of(ANY_8080), Map.of()).granted()).containsExactly(ANY_8080);
    }

    @Test
    void releasingOnePortKeepsTheOthers() {
        HostPort other = new HostPort("", 9090, "tcp");
        claims.claim("task-a", List.of(ANY_8080, other), Map.of());
        claims.release("task-a", ANY_8080);

        assertThat(claims.held("task-a")).containsExactly(other);
        assertThat(claims.claim("task-b", List.of(ANY_8080), Map.of()).granted()).containsExactly(ANY_8080);
    }

    @Test
    void everyAddressOverlapsASpecificOneButTwoSpecificAddressesDoNot() {
        HostPort loopback = new HostPort("127.0.0.1", 8080, "tcp");
        HostPort other = new HostPort("127.0.0.2", 8080, "tcp");
        assertThat(new HostPort("0.0.0.0", 8080, "tcp")).isEqualTo(ANY_8080);
        assertThat(new HostPort("::", 8080, "TCP")).isEqualTo(ANY_8080);

        claims.claim("task-a", List.of(loopback), Map.of());

        assertThat(claims.claim("task-b", List.of(ANY_8080), Map.of()).refused()).containsKey(ANY_8080);
        assertThat(claims.claim("task-c", List.of(other), Map.of()).granted()).containsExactly(other);
    }

    @Test
    void tcpAndUdpOfOnePortAreDifferentPorts() {
        HostPort udp = new HostPort(null, 8080, "udp");
        claims.claim("task-a", List.of(ANY_8080), Map.of());

        assertThat(claims.claim("task-b", List.of(udp), Map.of()).granted()).containsExactly(udp);
    }

    @Test
    void aPortTheEngineAlreadyPublishesIsRefusedNamingTheContainer() {
        var claim = claims.claim("task-a", List.of(ANY_8080, new HostPort("", 9090, "tcp")),
                Map.of(new HostPort("0.0.0.0", 8080, "tcp"), "ecs-web-1234-ecs-local-pause-1"));

        assertThat(claim.refused()).containsExactly(Map.entry(ANY_8080, "ecs-web-1234-ecs-local-pause-1"));
        assertThat(claim.granted()).containsExactly(new HostPort("", 9090, "tcp"));
    }

    @Test
    void aPortWantedTwiceInOneClaimIsGrantedOnce() {
        var claim = claims.claim("task-a", List.of(ANY_8080, new HostPort("127.0.0.1", 8080, "tcp")), Map.of());

        assertThat(claim.granted()).containsExactly(ANY_8080);
        assertThat(claim.refused()).containsOnlyKeys(new HostPort("127.0.0.1", 8080, "tcp"));
    }

    @Test
    void concurrentClaimsOfOnePortGrantItExactlyOnce() throws Exception {
        int owners = 16;
        ExecutorService pool = Executors.newFixedThreadPool(owners);
        try {
            for (int round = 0; round < 50; round++) {
                HostPortClaims fresh = new HostPortClaims();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HostPortClaims.Claim>> results = new ArrayList<>();
                for (int i = 0; i < owners; i++) {
                    String owner = "task-" + i;
                    results.add(pool.submit(() -> {
                        go.await();
                        return fresh.claim(owner, List.of(ANY_8080), Map.of());
                    }));
                }
                go.countDown();
                int granted = 0;
                for (Future<HostPortClaims.Claim> result : results) {
                    granted += result.get(10, TimeUnit.SECONDS).granted().size();
                }
                assertThat(granted).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
