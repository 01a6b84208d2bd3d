package dev.localecs.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.ExecSession;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.testing.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sessions, tokens and stream URLs. */
class ExecSessionRegistryTest {
    private final MovableClock clock = new MovableClock();
    private final ExecSessionRegistry registry = new ExecSessionRegistry(clock, Duration.ofMinutes(5));

    private static ExecSessionRequest request(String command, Optional<String> host) {
        return new ExecSessionRequest("default", "0123456789abcdef0123456789abcdef", "app", command, host);
    }

    @Test
    void aSessionPointsAtTheHostTheClientCalledAndOpensOnceWithItsToken() {
        ExecSession session = registry.open(request("/bin/sh -c 'echo hi'", Optional.of("127.0.0.1:41234")));
        assertThat(session.sessionId()).matches("ecs-execute-command-[0-9a-f]{17}");
        assertThat(session.streamUrl()).isEqualTo("ws://127.0.0.1:41234/v1/data-channel/" + session.sessionId()
                + "?role=publish_subscribe");
        assertThat(session.tokenValue()).hasSizeGreaterThan(40);
        assertThat(session.toString()).doesNotContain(session.tokenValue());

        assertThat(registry.claim(session.sessionId(), "wrong")).isEmpty();
        assertThat(registry.claim("ecs-execute-command-other", session.tokenValue())).isEmpty();
        ExecSessionRegistry.Claimed claimed = registry.claim(session.sessionId(), session.tokenValue()).orElseThrow();
        assertThat(claimed.command()).isEqualTo(List.of("/bin/sh", "-c", "echo hi"));
        assertThat(claimed.request().container()).isEqualTo("app");
        assertThat(registry.claim(session.sessionId(), session.tokenValue())).as("one connection per session")
                .isEmpty();
        registry.end(session.sessionId());
        assertThat(registry.size()).isZero();
    }

    @Test
    void withoutAHostTheListeningAddressIsUsed() {
        registry.listeningAt("127.0.0.1:8123");
        assertThat(registry.open(request("sh", Optional.empty())).streamUrl()).startsWith("ws://127.0.0.1:8123/");
    }

    @Test
    void aSessionNobodyOpensExpires() {
        ExecSession session = registry.open(request("sh", Optional.empty()));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(registry.claim(session.sessionId(), session.tokenValue())).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void anUnreadableCommandIsRefusedAsEcsRefusesParameters() {
        assertThatThrownBy(() -> registry.open(request("sh -c 'oops", Optional.empty())))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER))
                .hasMessage("The command has an unterminated single quote.");
        assertThat(registry.size()).isZero();
    }
}
