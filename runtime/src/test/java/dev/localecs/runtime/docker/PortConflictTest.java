package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.docker.HostPortClaims.HostPort;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PortConflictTest {
    @Test
    void anotherContainerPublishingThePortNamesThePortButNoProtocol() {
        var conflict = PortConflict.parse("Status 500: {\"message\":\"driver failed programming external "
                + "connectivity on endpoint ecs-web-1-ecs-local-pause-1 (0f3e): Bind for 0.0.0.0:8080 failed: port "
                + "is already allocated\"}").orElseThrow();

        assertThat(conflict.port()).isEqualTo(OptionalInt.of(8080));
        assertThat(conflict.protocol()).isEmpty();
        assertThat(conflict.concerns(new HostPort("", 8080, "udp"))).isTrue();
        assertThat(conflict.concerns(new HostPort("", 8081, "tcp"))).isFalse();
    }

    @Test
    void aHostProcessHoldingThePortNamesPortAndProtocol() {
        var conflict = PortConflict.parse("driver failed programming external connectivity on endpoint x (y): "
                + "Error starting userland proxy: listen tcp4 0.0.0.0:9000: bind: address already in use")
                .orElseThrow();

        assertThat(conflict.port()).isEqualTo(OptionalInt.of(9000));
        assertThat(conflict.protocol()).isEqualTo(Optional.of("tcp"));
        assertThat(conflict.concerns(new HostPort("", 9000, "tcp"))).isTrue();
        assertThat(conflict.concerns(new HostPort("", 9000, "udp"))).isFalse();
    }

    @Test
    void ipv6AndUdpFormsAreRead() {
        assertThat(PortConflict.parse("listen udp6 [::]:5353: bind: address already in use").orElseThrow())
                .isEqualTo(new PortConflict(OptionalInt.of(5353), Optional.of("udp")));
        assertThat(PortConflict.parse("Bind for [::]:8443 failed: port is already allocated").orElseThrow().port())
                .isEqualTo(OptionalInt.of(8443));
    }

    @Test
    void aPortRefusalNamingNoPortConcernsEveryPort() {
        var conflict = PortConflict.parse("something: address already in use").orElseThrow();

        assertThat(conflict.port()).isEmpty();
        assertThat(conflict.concerns(new HostPort("", 1234, "tcp"))).isTrue();
    }

    @Test
    void otherStartFailuresAreNoPortConflict() {
        assertThat(PortConflict.parse("OCI runtime create failed: exec: \"nope\": executable file not found"))
                .isEmpty();
        assertThat(PortConflict.parse(null)).isEmpty();
    }
}
