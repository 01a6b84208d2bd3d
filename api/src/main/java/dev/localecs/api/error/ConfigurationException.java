package dev.localecs.api.error;

/**
 * The runtime or a plugin is configured in a way that cannot work; raised at start, naming the setting.
 */
public final class ConfigurationException extends EcsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong and which setting fixes it
     */
    public ConfigurationException(String message) {
        super(ErrorCode.SERVER_EXCEPTION, message);
    }
}
