package dev.localecs.api;

import static java.util.Objects.requireNonNull;

/**
 * An ECS Exec session as {@code ExecuteCommand} answers it ({@code session}).
 *
 * @param sessionId the session id ({@code ecs-execute-command-…})
 * @param streamUrl the WebSocket URL of the Session Manager data channel
 * @param tokenValue the token the client sends in {@code OpenDataChannel}; secret, never logged
 */
public record ExecSession(String sessionId, String streamUrl, String tokenValue) {

    /**
     * Validates the components.
     *
     * @param sessionId the session id
     * @param streamUrl the stream URL
     * @param tokenValue the token
     */
    public ExecSession {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(streamUrl, "streamUrl is null");
        requireNonNull(tokenValue, "tokenValue is null");
    }

    /** Without the token, so that logging a session never shows it. */
    @Override
    public String toString() {
        return "ExecSession[sessionId=" + sessionId + ", streamUrl=" + streamUrl + "]";
    }
}
