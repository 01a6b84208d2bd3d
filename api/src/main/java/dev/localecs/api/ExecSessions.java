package dev.localecs.api;

/**
 * ECS Exec sessions: the Session Manager data channel the runtime serves for {@code ExecuteCommand}. The
 * action checks the task (found, {@code enableExecuteCommand}, the container running) and asks for a session;
 * the runtime answers where and with which token the client opens the data channel, and runs the command
 * with a terminal in the container once the client connects.
 */
public interface ExecSessions {

    /**
     * Registers a session for one command; nothing runs until a client opens the data channel with the
     * session's token.
     *
     * @param request the task, container and command, and the host the client called
     * @return the session as {@code ExecuteCommand} answers it
     */
    ExecSession open(ExecSessionRequest request);
}
