package dev.localecs.runtime.network;

import dev.localecs.api.error.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where the credentials and metadata endpoint lives ({@code endpoint.mode}), which decides the shape of the
 * task network: its gateway is the endpoint address when the runtime runs on the host, another address
 * when the runtime's own container takes the endpoint address.
 */
public enum EndpointMode {
    /** The runtime on the host listens on the task network's gateway, which is the endpoint address. */
    HOST_GATEWAY("host-gateway"),
    /** The runtime's container joins the task network at the endpoint address. */
    CONTAINER("container"),
    /** No endpoint: tasks get no credentials or metadata. */
    DISABLED("disabled");

    private final String value;

    EndpointMode(String value) {
        this.value = value;
    }

    /**
     * Reads the setting.
     *
     * @param value {@code host-gateway}, {@code container} or {@code disabled}
     * @return the mode
     * @throws ConfigurationException for any other value
     */
    public static EndpointMode parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.value.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException("endpoint.mode (ENDPOINT_MODE) must be host-gateway, "
                        + "container or disabled, not '" + value + "'."));
    }

    /**
     * Whether the runtime listens for task containers in this mode.
     *
     * @return false only for {@link #DISABLED}
     */
    public boolean listens() {
        return this != DISABLED;
    }

    /**
     * The configuration value.
     *
     * @return e.g. {@code host-gateway}
     */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
