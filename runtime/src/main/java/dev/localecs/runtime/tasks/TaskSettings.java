package dev.localecs.runtime.tasks;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.network.TaskNetworkSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The lifecycle's settings, read once from the configuration.
 *
 * @param stoppedRetention how long stopped tasks stay visible ({@code tasks.stopped-retention})
 * @param removeContainers when a stopped task's containers go ({@code tasks.remove-containers})
 * @param dependencyTimeout how long a dependency condition may take without a startTimeout
 *                          ({@code tasks.dependency-timeout})
 * @param network the task network and its endpoint ({@code network.*}, {@code endpoint.*})
 */
public record TaskSettings(Duration stoppedRetention, RemoveContainers removeContainers, Duration dependencyTimeout,
                           TaskNetworkSettings network) {

    /**
     * The task network's name.
     *
     * @return {@code network.name}
     */
    public String taskNetwork() {
        return network.name();
    }

    /**
     * The task network's gateway with its prefix length, as task metadata shows it.
     *
     * @return {@code SubnetGatewayIpv4Address}, e.g. {@code 169.254.170.2/24}
     */
    public String subnetGateway() {
        return network.gateway() + "/" + network.subnet().prefix();
    }

    /** When a stopped task's containers, networks and volumes are removed. */
    public enum RemoveContainers {
        /** when the task leaves DescribeTasks (default) */
        AFTER_RETENTION,
        /** as it stops, before it is STOPPED */
        IMMEDIATELY,
        /** never: the user removes them */
        NEVER
    }

    /**
     * Reads the settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws ConfigurationException naming a setting that cannot be read
     */
    public static TaskSettings from(ConfigView config) {
        return new TaskSettings(duration(config, "tasks.stopped-retention", "1h"),
                choice(config, "tasks.remove-containers", "after-retention", RemoveContainers.class),
                duration(config, "tasks.dependency-timeout", "3m"), TaskNetworkSettings.from(config));
    }

    /**
     * Reads a duration such as {@code 90s}, {@code 5m}, {@code 1h}, a number of seconds or ISO-8601.
     *
     * @param config the configuration
     * @param key the key
     * @param defaultValue its default
     * @return the duration
     */
    public static Duration duration(ConfigView config, String key, String defaultValue) {
        String value = config.get(key, defaultValue).trim().toLowerCase(Locale.ROOT);
        try {
            return value.startsWith("p") ? Duration.parse(value.toUpperCase(Locale.ROOT))
                    : value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(key + " must be a duration such as 90s, 5m or 1h, not '" + value + "'.");
        }
    }

    /**
     * Reads one of an enum's values, written with dashes ({@code after-retention}; case and blanks ignored).
     *
     * @param config the configuration
     * @param key the key
     * @param defaultValue its default
     * @param type the enum
     * @param <E> the enum
     * @return the value
     */
    public static <E extends Enum<E>> E choice(ConfigView config, String key, String defaultValue, Class<E> type) {
        String value = config.get(key, defaultValue).trim();
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> setting(e).equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException(key + " must be one of " + Arrays.stream(
                        type.getEnumConstants()).map(TaskSettings::setting).toList() + ", not '" + value + "'."));
    }

    private static String setting(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
