package dev.localecs.api.error;

import static java.util.Objects.requireNonNull;

/**
 * The project's single unchecked exception root. Whatever is thrown as (a subclass of) this type reaches
 * the caller as the ECS error shape {@code {"__type": code, "message": message}} with the code's HTTP status.
 * Messages are shown to API callers verbatim, so they must never contain secret values.
 */
public class EcsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates an error with a code and a message for the caller.
     *
     * @param code the AWS error code
     * @param message the message, as ECS would word it
     */
    public EcsException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    /**
     * Creates an error with a code, a message for the caller and the underlying cause (logged, never sent).
     *
     * @param code the AWS error code
     * @param message the message, as ECS would word it
     * @param cause what went wrong underneath
     */
    public EcsException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    /**
     * The error code this exception is answered with.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Shorthand for a {@link ErrorCode#CLIENT_EXCEPTION}.
     *
     * @param message the message
     * @return the exception
     */
    public static EcsException client(String message) {
        return new EcsException(ErrorCode.CLIENT_EXCEPTION, message);
    }

    /**
     * Shorthand for an {@link ErrorCode#INVALID_PARAMETER}.
     *
     * @param message the message
     * @return the exception
     */
    public static EcsException invalidParameter(String message) {
        return new EcsException(ErrorCode.INVALID_PARAMETER, message);
    }

    /**
     * {@code ClusterNotFoundException} "Cluster not found." as ECS answers an unknown or inactive cluster.
     *
     * @return the exception
     */
    public static EcsException clusterNotFound() {
        return new EcsException(ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
    }

    /**
     * {@code ClientException} "Unable to describe task definition." as ECS answers an unknown task definition.
     *
     * @return the exception
     */
    public static EcsException taskDefinitionNotFound() {
        return client("Unable to describe task definition.");
    }
}
