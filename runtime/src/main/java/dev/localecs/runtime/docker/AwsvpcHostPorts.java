package dev.localecs.runtime.docker;

import dev.localecs.api.error.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether an awsvpc task's container ports are also published on the host ({@code tasks.awsvpc-host-ports}).
 * On ECS an awsvpc task is reached at its own network interface; publishing is a local convenience.
 */
public enum AwsvpcHostPorts {
    /** The first task claiming a host port gets it published; later ones are reached at their ENI address. */
    IF_FREE("if-free"),
    /** Nothing is published: every awsvpc task is reached at its ENI address. */
    NEVER("never"),
    /** Every port is published; a second task with a taken port fails to start (the behaviour before if-free). */
    ALWAYS("always");

    private final String configName;

    AwsvpcHostPorts(String configName) {
        this.configName = configName;
    }

    /** @return the name used in configuration */
    public String configName() {
        return configName;
    }

    /**
     * Reads the setting.
     *
     * @param value {@code if-free}, {@code never} or {@code always} (case and surrounding blanks ignored)
     * @return the mode
     * @throws ConfigurationException for any other value
     */
    public static AwsvpcHostPorts parse(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.configName.equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationException("tasks.awsvpc-host-ports must be "
                        + Arrays.stream(values()).map(AwsvpcHostPorts::configName).collect(Collectors.joining(", "))
                        + ", not '" + value + "'."));
    }
}
