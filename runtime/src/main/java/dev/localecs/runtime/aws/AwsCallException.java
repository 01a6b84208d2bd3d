package dev.localecs.runtime.aws;

import java.util.Optional;

/**
 * A call to an AWS service (STS, SSM, Secrets Manager, S3, ECR) on behalf of a task failed; the message says
 * what could not be read, never a secret value. The task lifecycle turns it into the container reason ECS
 * shows ({@code ResourceInitializationError}, {@code CannotPullContainerError}).
 */
public final class AwsCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String container;

    /**
     * Creates the failure.
     *
     * @param container the container it concerns (null for the whole task)
     * @param message what went wrong, without secrets
     * @param cause the SDK error, if any
     */
    public AwsCallException(String container, String message, Throwable cause) {
        super(message, cause);
        this.container = container;
    }

    /**
     * The container the call was for.
     *
     * @return the ECS container name, empty for the whole task
     */
    public Optional<String> container() {
        return Optional.ofNullable(container);
    }
}
