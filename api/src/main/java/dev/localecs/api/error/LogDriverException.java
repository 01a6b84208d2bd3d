package dev.localecs.api.error;

/**
 * A log driver could not be initialized for a container (see {@link dev.localecs.api.ContainerLogSink}): the
 * container fails to start with {@code CannotStartContainerError: Error response from daemon: failed to
 * initialize logging driver: <message>}, as Docker's own log drivers fail on ECS.
 */
public class LogDriverException extends EcsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what the driver reports, e.g. {@code failed to create Cloudwatch log stream:
     *     ResourceNotFoundException: The specified log group does not exist.}
     */
    public LogDriverException(String message) {
        super(ErrorCode.CLIENT_EXCEPTION, message);
    }

    /**
     * Creates the failure with its cause.
     *
     * @param message what the driver reports
     * @param cause what went wrong underneath
     */
    public LogDriverException(String message, Throwable cause) {
        super(ErrorCode.CLIENT_EXCEPTION, message, cause);
    }
}
