package dev.localecs.runtime.cli;

/**
 * A client command failed for a reason the user can act on; the message says what and what to do.
 * Exit codes follow {@code docker run}: 2 for usage, 125 when the runtime cannot do what was asked.
 */
public final class CliException extends RuntimeException {
    /** Wrong usage. */
    public static final int USAGE = 2;
    /** The runtime is unreachable or refused the request ({@code docker run} uses 125 for its own errors). */
    public static final int RUNTIME = 125;
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Creates the failure.
     *
     * @param exitCode the process exit code
     * @param message what went wrong, for the user
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * The exit code.
     *
     * @return the code the process ends with
     */
    public int exitCode() {
        return exitCode;
    }
}
