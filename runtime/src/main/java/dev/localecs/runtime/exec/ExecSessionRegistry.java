package dev.localecs.runtime.exec;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ExecSession;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.api.ExecSessions;
import dev.localecs.api.error.EcsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions ExecuteCommand issued: each has a random token (kept only as its SHA-256), is opened by one
 * data-channel connection presenting that token, and is forgotten when that connection ends — or, if no
 * client connects, after {@code connectWithin}. The {@code streamUrl} names the host the client called.
 */
public final class ExecSessionRegistry implements ExecSessions {
    /** Where the data channel is served; the session id follows. */
    public static final String PATH_PREFIX = "/v1/data-channel/";
    /** How long an issued session waits for its client to open the data channel. */
    public static final Duration CONNECT_WITHIN = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration connectWithin;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private volatile String fallbackHost = "127.0.0.1:8000";

    /**
     * A registry.
     *
     * @param clock the clock
     * @param connectWithin how long a session waits for its client
     */
    public ExecSessionRegistry(Clock clock, Duration connectWithin) {
        this.clock = requireNonNull(clock, "clock is null");
        this.connectWithin = requireNonNull(connectWithin, "connectWithin is null");
    }

    /**
     * The address for stream URLs of requests that came without a {@code Host} header.
     *
     * @param hostAndPort {@code host:port} the server listens on
     */
    public void listeningAt(String hostAndPort) {
        fallbackHost = requireNonNull(hostAndPort, "hostAndPort is null");
    }

    @Override
    public ExecSession open(ExecSessionRequest request) {
        List<String> command;
        try {
            command = CommandLine.split(request.command());
        } catch (IllegalArgumentException e) {
            throw EcsException.invalidParameter(e.getMessage());
        }
        purgeExpired();
        byte[] id = new byte[9];
        random.nextBytes(id);
        String sessionId = "ecs-execute-command-" + HexFormat.of().formatHex(id).substring(1);
        byte[] token = new byte[48];
        random.nextBytes(token);
        String tokenValue = Base64.getEncoder().encodeToString(token);
        sessions.put(sessionId, new Entry(new Claimed(sessionId, request, command), hash(tokenValue),
                clock.instant().plus(connectWithin)));
        String host = request.host().orElse(fallbackHost);
        return new ExecSession(sessionId, "ws://" + host + PATH_PREFIX + sessionId + "?role=publish_subscribe",
                tokenValue);
    }

    /**
     * Claims a session for one connection: it exists, has not expired, no other connection holds it and the
     * token is its own.
     *
     * @param sessionId the session id from the URL
     * @param tokenValue the token from {@code OpenDataChannel}
     * @return the session, or empty when it is refused
     */
    public Optional<Claimed> claim(String sessionId, String tokenValue) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || tokenValue == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            if (entry.claimed || clock.instant().isAfter(entry.expires)
                    || !MessageDigest.isEqual(entry.tokenHash, hash(tokenValue))) {
                return Optional.empty();
            }
            entry.claimed = true;
            return Optional.of(entry.session);
        }
    }

    /**
     * Forgets a session (its connection ended); its token opens nothing any more.
     *
     * @param sessionId the session id
     */
    public void end(String sessionId) {
        sessions.remove(sessionId);
    }

    /**
     * How many sessions are known (issued and not ended or expired).
     *
     * @return the count
     */
    public int size() {
        purgeExpired();
        return sessions.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(entry -> {
            synchronized (entry) {
                return !entry.claimed && now.isAfter(entry.expires);
            }
        });
    }

    private static byte[] hash(String token) {
        return AgentMessage.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A session a connection holds.
     *
     * @param sessionId the session id
     * @param request what ExecuteCommand asked for
     * @param command the command split into arguments
     */
    public record Claimed(String sessionId, ExecSessionRequest request, List<String> command) {
    }

    private static final class Entry {
        final Claimed session;
        final byte[] tokenHash;
        final Instant expires;
        boolean claimed;

        Entry(Claimed session, byte[] tokenHash, Instant expires) {
            this.session = session;
            this.tokenHash = tokenHash;
            this.expires = expires;
        }
    }
}
