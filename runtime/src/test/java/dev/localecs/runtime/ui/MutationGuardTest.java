package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.testing.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MutationGuardTest {
    private static final Optional<String> HOST = Optional.of("127.0.0.1:8000");
    private final MutationGuard guard = new MutationGuard(true, true, Clock.systemUTC());

    private static MutationGuard.Request request(Optional<String> host, String origin, String site, String token) {
        return new MutationGuard.Request(host, Optional.ofNullable(origin), Optional.ofNullable(site),
                Optional.ofNullable(token));
    }

    @Test
    void aSameOriginRequestWithAnIssuedTokenProceeds() {
        String token = guard.issue();
        assertThat(guard.refusal(request(HOST, "http://127.0.0.1:8000", "same-origin", token))).isEmpty();
        assertThat(guard.refusal(request(HOST, null, null, token))).as("a non-browser client with a token").isEmpty();
    }

    @Test
    void crossOriginRequestsAreRefusedEvenWithAToken() {
        String token = guard.issue();
        assertThat(guard.refusal(request(HOST, "http://evil.example", null, token)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("Cross-origin", "evil.example"));
        assertThat(guard.refusal(request(HOST, "http://localhost:8000", null, token))).isPresent();
        assertThat(guard.refusal(request(HOST, null, "cross-site", token))).isPresent();
        assertThat(guard.refusal(request(HOST, null, "same-site", token))).isPresent();
    }

    @Test
    void unknownOrMissingTokensAreRefused() {
        assertThat(guard.refusal(request(HOST, "http://127.0.0.1:8000", "same-origin", null)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("session token"));
        assertThat(guard.refusal(request(HOST, "http://127.0.0.1:8000", "same-origin", "f".repeat(32)))).isPresent();
    }

    @Test
    void onLoopbackARequestNamingAnotherHostIsRefused() {
        // a page reached through a DNS name rebound to 127.0.0.1 names its own host
        String token = guard.issue();
        Optional<String> rebound = Optional.of("attacker.example:8000");
        assertThat(guard.hostAllowed(rebound)).isFalse();
        assertThat(guard.refusal(request(rebound, "http://attacker.example:8000", "same-origin", token))).isPresent();
        assertThat(guard.hostAllowed(Optional.of("localhost:8000"))).isTrue();
        assertThat(guard.hostAllowed(Optional.of("[::1]:8000"))).isTrue();
        assertThat(new MutationGuard(true, false, Clock.systemUTC()).hostAllowed(rebound)).isTrue();
    }

    @Test
    void disabledActionsRefuseEverything() {
        MutationGuard off = new MutationGuard(false, true, Clock.systemUTC());
        assertThat(off.refusal(request(HOST, "http://127.0.0.1:8000", "same-origin", off.issue())))
                .hasValue("Dashboard actions are disabled (ui.actions).");
    }

    @Test
    void tokensExpireAndTheOldestGoFirst() {
        MovableClock clock = new MovableClock();
        MutationGuard timed = new MutationGuard(true, true, clock);
        String token = timed.issue();
        clock.advance(MutationGuard.TOKEN_LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(timed.refusal(request(HOST, null, null, token))).isPresent();

        String first = timed.issue();
        for (int i = 0; i < MutationGuard.MAX_SESSIONS; i++) {
            timed.issue();
        }
        assertThat(timed.refusal(request(HOST, null, null, first))).as("evicted").isPresent();
    }
}
