package dev.localecs.runtime.exec;

import java.util.Optional;

/** What a stream message's payload is ({@code PayloadType}, a 4-byte number in the header). */
enum PayloadType {
    /** Terminal bytes (both directions). */
    OUTPUT(1),
    /** An error text. */
    ERROR(2),
    /** Terminal size, {@code {"cols": n, "rows": n}}. */
    SIZE(3),
    /** Session parameters. */
    PARAMETER(4),
    /** Agent → client: the session type and the actions the client must take. */
    HANDSHAKE_REQUEST(5),
    /** Client → agent: what the client did. */
    HANDSHAKE_RESPONSE(6),
    /** Agent → client: the session starts. */
    HANDSHAKE_COMPLETE(7),
    /** KMS encryption challenge (not offered here). */
    ENC_CHALLENGE_REQUEST(8),
    /** KMS encryption challenge answer. */
    ENC_CHALLENGE_RESPONSE(9),
    /** A control flag (a 4-byte number: 2 = terminate the session). */
    FLAG(10),
    /** Standard error, for sessions that separate it. */
    STDERR(11),
    /** A command's exit code, for non-interactive sessions. */
    EXIT_CODE(12);

    /** {@link #FLAG}'s value asking to end the session. */
    static final int TERMINATE_SESSION = 2;

    private final int code;

    PayloadType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Optional<PayloadType> of(int code) {
        for (PayloadType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
