package dev.localecs.runtime.ui;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a mutating dashboard request may proceed: actions must be enabled, the request must come
 * from the dashboard's own origin ({@code Origin} equal to the request's own, {@code Sec-Fetch-Site}
 * {@code same-origin} when the browser sends it) and carry a session token the runtime issued to a page.
 * Tokens are random, kept for {@link #TOKEN_LIFETIME} after their last use, at most {@link #MAX_SESSIONS}.
 */
final class MutationGuard {
    /** The header a page sends its token in. */
    static final String TOKEN_HEADER = "X-Local-Ecs-Token";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean actions;
    private final boolean loopbackOnly;
    private final Clock clock;
    private final Map<String, Instant> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * Creates the guard.
     *
     * @param actions whether mutations are allowed at all
     * @param loopbackOnly whether the API listens on loopback only: then a request must name a loopback host
     *                     (a page reached through a rebound DNS name gets neither tokens nor actions)
     * @param clock the clock
     */
    MutationGuard(boolean actions, boolean loopbackOnly, Clock clock) {
        this.actions = actions;
        this.loopbackOnly = loopbackOnly;
        this.clock = clock;
    }

    /**
     * The headers of a mutating request that the guard looks at.
     *
     * @param host the {@code Host} header
     * @param origin the {@code Origin} header
     * @param fetchSite the {@code Sec-Fetch-Site} header
     * @param token the {@link #TOKEN_HEADER} header
     */
    record Request(Optional<String> host, Optional<String> origin, Optional<String> fetchSite,
                   Optional<String> token) {
    }

    boolean actionsEnabled() {
        return actions;
    }

    /**
     * A new session token for a page.
     *
     * @return 32 hex characters
     */
    synchronized String issue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        sessions.put(token, clock.instant());
        while (sessions.size() > MAX_SESSIONS) {
            Iterator<String> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return token;
    }

    /**
     * Why a mutating request is refused, if it is.
     *
     * @param request the request's headers
     * @return the reason for the caller, or empty when it may proceed
     */
    Optional<String> refusal(Request request) {
        if (!actions) {
            return Optional.of("Dashboard actions are disabled (ui.actions).");
        }
        if (!hostAllowed(request.host())) {
            return Optional.of("Request for host " + request.host().orElse("(none)") + " refused: the API listens "
                    + "on loopback, use http://localhost or http://127.0.0.1.");
        }
        Optional<String> site = request.fetchSite().map(value -> value.toLowerCase(Locale.ROOT));
        if (site.isPresent() && !site.get().equals("same-origin")) {
            return Optional.of("Cross-origin request refused (Sec-Fetch-Site: " + site.get() + ").");
        }
        if (request.origin().isPresent()) {
            String expected = "http://" + request.host().orElse("");
            if (!request.origin().get().equalsIgnoreCase(expected)) {
                return Optional.of("Cross-origin request refused (Origin " + request.origin().get() + ").");
            }
        }
        if (request.token().isEmpty() || !validToken(request.token().get())) {
            return Optional.of("Missing or unknown session token: reload the dashboard.");
        }
        return Optional.empty();
    }

    /**
     * Whether a request naming this host may get a session token or act.
     *
     * @param host the {@code Host} header
     * @return true unless the API listens on loopback and the host is not a loopback name
     */
    boolean hostAllowed(Optional<String> host) {
        if (!loopbackOnly) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        String name = host.get().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            name = name.substring(0, name.indexOf(']') + 1);
        } else if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        return UiSettings.isLoopback(name);
    }

    private synchronized boolean validToken(String token) {
        Instant issued = sessions.get(token);
        Instant now = clock.instant();
        if (issued == null || issued.plus(TOKEN_LIFETIME).isBefore(now)) {
            sessions.remove(token);
            return false;
        }
        sessions.put(token, now);
        return true;
    }
}
