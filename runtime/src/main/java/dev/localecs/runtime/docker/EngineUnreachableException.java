package dev.localecs.runtime.docker;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/** The Docker engine could not be reached, even on a fresh connection (it is down or restarting). */
public final class EngineUnreachableException extends EcsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param host the engine address
     * @param problem what the connection attempt said
     * @param cause the transport failure
     */
    public EngineUnreachableException(String host, String problem, Throwable cause) {
        super(ErrorCode.SERVER_EXCEPTION, "the Docker engine at " + host + " is unreachable (" + problem + ")", cause);
    }
}
