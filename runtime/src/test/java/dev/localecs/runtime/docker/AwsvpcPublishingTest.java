package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.compose.ComposeService.Port;
import dev.localecs.runtime.docker.HostPortClaims.HostPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AwsvpcPublishingTest {
    private static final Port WEB = port("8080", "8080");
    private static final HostPort ANY_8080 = new HostPort("", 8080, "tcp");
    private static final Supplier<Map<HostPort, String>> NOTHING_PUBLISHED = Map::of;
    private final HostPortClaims claims = new HostPortClaims();

    private static Port port(String target, String published) {
        return new Port(target, published, null, "tcp", null, null, null);
    }

    private AwsvpcPublishing publishing(AwsvpcHostPorts mode) {
        return new AwsvpcPublishing(mode, "", claims);
    }

    @Test
    void ifFreeTheFirstTaskGetsThePortAndLaterOnesAreToldWhoHasIt() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.IF_FREE);

        var first = publishing.plan("ecs-web-1", List.of(WEB), NOTHING_PUBLISHED);
        var second = publishing.plan("ecs-web-2", List.of(WEB), NOTHING_PUBLISHED);
        var third = publishing.plan("ecs-web-3", List.of(WEB), NOTHING_PUBLISHED);

        assertThat(first.ports()).containsExactly(WEB);
        assertThat(first.refused()).isEmpty();
        assertThat(second.ports()).isEmpty();
        assertThat(second.refused()).containsExactly(Map.entry(ANY_8080, "ecs-web-1"));
        assertThat(third.ports()).isEmpty();
        assertThat(first.narrowable()).isTrue();
    }

    @Test
    void ifFreeAPortFreedByAStoppedTaskGoesToTheNextLaunch() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.IF_FREE);
        publishing.plan("ecs-web-1", List.of(WEB), NOTHING_PUBLISHED);
        publishing.plan("ecs-web-2", List.of(WEB), NOTHING_PUBLISHED);

        publishing.release("ecs-web-1");

        assertThat(publishing.plan("ecs-web-3", List.of(WEB), NOTHING_PUBLISHED).ports()).containsExactly(WEB);
    }

    @Test
    void ifFreeAPortAnotherContainerPublishesIsNotClaimed() {
        var plan = publishing(AwsvpcHostPorts.IF_FREE).plan("ecs-web-1", List.of(WEB),
                () -> Map.of(ANY_8080, "my-dev-server"));

        assertThat(plan.ports()).isEmpty();
        assertThat(plan.refused()).containsExactly(Map.entry(ANY_8080, "my-dev-server"));
        assertThat(claims.held("ecs-web-1")).isEmpty();
    }

    @Test
    void ifFreeARangeIsClaimedPortByPortAndOnlyTheFreeOnesArePublished() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.IF_FREE);
        publishing.plan("ecs-other-1", List.of(port("9001", "9001")), NOTHING_PUBLISHED);

        var plan = publishing.plan("ecs-web-1", List.of(port("9000-9002", "9000-9002")), NOTHING_PUBLISHED);

        assertThat(plan.ports()).containsExactly(port("9000", "9000"), port("9002", "9002"));
        assertThat(plan.refused()).containsOnlyKeys(new HostPort("", 9001, "tcp"));
    }

    @Test
    void ifFreeAnEphemeralHostPortIsPublishedWithoutAClaim() {
        Port ephemeral = port("8080", null);

        var plan = publishing(AwsvpcHostPorts.IF_FREE).plan("ecs-web-1", List.of(ephemeral), NOTHING_PUBLISHED);

        assertThat(plan.ports()).containsExactly(ephemeral);
        assertThat(claims.held("ecs-web-1")).isEmpty();
    }

    @Test
    void ifFreeClaimsAreMadeOnTheConfiguredHostAddress() {
        AwsvpcPublishing loopback = new AwsvpcPublishing(AwsvpcHostPorts.IF_FREE, "127.0.0.1", claims);
        loopback.plan("ecs-web-1", List.of(WEB), NOTHING_PUBLISHED);

        assertThat(claims.held("ecs-web-1")).containsExactly(new HostPort("127.0.0.1", 8080, "tcp"));
        var elsewhere = loopback.plan("ecs-web-2", List.of(new Port("8080", "8080", "127.0.0.2", "tcp", null, null,
                null)), NOTHING_PUBLISHED);
        assertThat(elsewhere.ports()).hasSize(1);
    }

    @Test
    void neverPublishesNothingAndDoesNotAskTheEngine() {
        var plan = publishing(AwsvpcHostPorts.NEVER).plan("ecs-web-1", List.of(WEB), () -> {
            throw new AssertionError("the engine is not asked when nothing is published");
        });

        assertThat(plan.ports()).isEmpty();
        assertThat(plan.refused()).isEmpty();
        assertThat(claims.held("ecs-web-1")).isEmpty();
    }

    @Test
    void alwaysPublishesEveryPortForEveryTaskAndNeverNarrows() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.ALWAYS);

        var first = publishing.plan("ecs-web-1", List.of(WEB), NOTHING_PUBLISHED);
        var second = publishing.plan("ecs-web-2", List.of(WEB), NOTHING_PUBLISHED);

        assertThat(first.ports()).containsExactly(WEB);
        assertThat(second.ports()).containsExactly(WEB);
        assertThat(second.narrowable()).isFalse();
    }

    @Test
    void aPortTheHostRefusesAtStartIsDroppedAndItsClaimGivenBack() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.IF_FREE);
        Port admin = port("9090", "9090");
        var plan = publishing.plan("ecs-web-1", List.of(WEB, admin), NOTHING_PUBLISHED);

        var narrower = publishing.without(plan, new PortConflict(OptionalInt.of(8080), Optional.of("tcp")));

        assertThat(narrower.ports()).containsExactly(admin);
        assertThat(narrower.refused()).containsOnlyKeys(ANY_8080);
        assertThat(claims.held("ecs-web-1")).containsExactly(new HostPort("", 9090, "tcp"));
    }

    @Test
    void aRefusalNamingNoPortDropsEveryPublishedPort() {
        AwsvpcPublishing publishing = publishing(AwsvpcHostPorts.IF_FREE);
        var plan = publishing.plan("ecs-web-1", List.of(WEB, port("9090", null)), NOTHING_PUBLISHED);

        var narrower = publishing.without(plan, new PortConflict(OptionalInt.empty(), Optional.empty()));

        assertThat(narrower.ports()).isEmpty();
        assertThat(claims.held("ecs-web-1")).isEmpty();
    }
}
