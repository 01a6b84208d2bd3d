package dev.localecs.runtime.tasks;

/**
 * A task could not be launched; {@link #reason()} is the container reason ECS would show.
 */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which ECS reason prefix applies. */
    public enum Kind {
        /** {@code CannotPullContainerError:} */
        PULL("CannotPullContainerError: "),
        /** {@code CannotStartContainerError:} */
        START("CannotStartContainerError: "),
        /** {@code ResourceInitializationError:} (networks, volumes, secrets) */
        RESOURCE("ResourceInitializationError: ");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Kind kind;
    private final String container;

    /**
     * Creates the failure.
     *
     * @param kind the reason prefix
     * @param container the container it concerns (null for the whole task)
     * @param message what went wrong, without secrets
     * @param cause the engine error
     */
    public LaunchException(Kind kind, String container, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.container = container;
    }

    /** @return what failed (the reason's prefix) */
    public Kind kind() {
        return kind;
    }

    /** @return the container it concerns, or null */
    public String container() {
        return container;
    }

    /** @return the ECS reason: prefix and message */
    public String reason() {
        return kind.prefix + getMessage();
    }
}
