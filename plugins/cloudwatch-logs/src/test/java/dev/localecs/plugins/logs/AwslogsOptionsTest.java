package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.LogDriverException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** awslogs-endpoint, awslogs-format and awslogs-credentials-endpoint, checked as Docker's driver checks them. */
class AwslogsOptionsTest {

    @Test
    void jsonEmfIsTheOnlyFormatAndExcludesMultilineOptions() {
        assertThat(AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-format", "json/emf")).format())
                .contains("json/emf");
        assertThat(AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-format", "")).format()).isEmpty();
        assertThatThrownBy(() -> AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-format", "json")))
                .isInstanceOf(LogDriverException.class).hasMessage("unsupported log format 'json'");
        assertThatThrownBy(() -> AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-format", "json/emf",
                "awslogs-multiline-pattern", "^x")))
                .isInstanceOf(LogDriverException.class).hasMessage("you cannot configure log opt "
                        + "'awslogs-datetime-format' or 'awslogs-multiline-pattern' when log opt 'awslogs-format' is "
                        + "set to 'json/emf'");
        assertThatThrownBy(() -> AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-format", "json/emf",
                "awslogs-datetime-format", "%Y")))
                .isInstanceOf(LogDriverException.class).hasMessageContaining("when log opt 'awslogs-format'");
    }

    @Test
    void theEndpointMustBeAnHttpUrl() {
        assertThat(AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-endpoint", "http://127.0.0.1:4566"))
                .endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(AwslogsOptions.of(Map.of("awslogs-group", "g")).endpoint()).isEmpty();
        for (String bad : new String[] {"logs.us-east-1.amazonaws.com", "ftp://host/", "http://", "http://a b"}) {
            assertThatThrownBy(() -> AwslogsOptions.of(Map.of("awslogs-group", "g", "awslogs-endpoint", bad)))
                    .as(bad).isInstanceOf(LogDriverException.class)
                    .hasMessage("failed to create Cloudwatch log stream: invalid log opt 'awslogs-endpoint' '" + bad
                            + "': not an http or https URL");
        }
    }

    @Test
    void aCredentialsEndpointIsAcceptedAndChangesNothing() {
        AwslogsOptions with = AwslogsOptions.of(Map.of("awslogs-group", "g",
                "awslogs-credentials-endpoint", "/v2/credentials/0f9e"));
        assertThat(with).isEqualTo(AwslogsOptions.of(Map.of("awslogs-group", "g")));
    }

    @Test
    void theContainersEndpointWinsOverTheConfiguredOne() {
        DeliverySettings settings = new DeliverySettings(DeliverySettings.Destination.UPSTREAM,
                Optional.of(URI.create("http://127.0.0.1:5000")), "us-east-1", 10, 1, Duration.ofSeconds(5));
        assertThat(settings.upstreamEndpoint(AwslogsOptions.of(Map.of("awslogs-group", "g",
                "awslogs-endpoint", "http://127.0.0.1:6000")))).contains(URI.create("http://127.0.0.1:6000"));
        assertThat(settings.upstreamEndpoint(AwslogsOptions.of(Map.of("awslogs-group", "g"))))
                .contains(URI.create("http://127.0.0.1:5000"));
    }
}
