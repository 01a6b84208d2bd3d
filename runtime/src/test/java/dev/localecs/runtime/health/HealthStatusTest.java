package dev.localecs.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a runtime with nothing wrong is UP (HTTP 200); anything tasks rely on failing is DOWN (503). */
class HealthStatusTest {

    @Test
    void nothingWrongIsUpWith200() {
        assertThat(HealthStatus.of(List.of(), List.of())).isEqualTo(HealthStatus.UP);
        assertThat(HealthStatus.UP.httpStatus()).isEqualTo(200);
    }

    @Test
    void aFailedPluginAloneIsDegradedWith503() {
        HealthStatus status = HealthStatus.of(List.of(), List.of("plugin x failed"));

        assertThat(status).isEqualTo(HealthStatus.DEGRADED);
        assertThat(status.httpStatus()).isEqualTo(503);
    }

    @Test
    void anUnreachableEngineOrASilentEndpointIsDownWith503EvenWithOtherProblems() {
        HealthStatus status = HealthStatus.of(List.of("endpoint does not listen"), List.of("plugin x failed"));

        assertThat(status).isEqualTo(HealthStatus.DOWN);
        assertThat(status.httpStatus()).isEqualTo(503);
    }
}
