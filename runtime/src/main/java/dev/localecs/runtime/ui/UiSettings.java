package dev.localecs.runtime.ui;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import java.util.Locale;
import java.util.Set;

/**
 * The dashboard's settings, read once.
 *
 * @param enabled {@code ui.enabled}: whether {@code /ui/} is served at all
 * @param actions {@code ui.actions}: whether the page may stop tasks and change services; {@code auto} (the
 *                default) means on when the API listens on a loopback address only
 * @param loopback whether the API listens on a loopback address ({@code server.host})
 * @param dockerHost {@code docker.host}, where container output is read from
 */
public record UiSettings(boolean enabled, boolean actions, boolean loopback, String dockerHost) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    /**
     * Reads the settings.
     *
     * @param config the configuration
     * @return the settings
     */
    public static UiSettings from(ConfigView config) {
        boolean enabled = bool(config, "ui.enabled", "true");
        String host = config.get("server.host", "127.0.0.1");
        String actions = config.get("ui.actions", "auto").trim().toLowerCase(Locale.ROOT);
        boolean allowed = switch (actions) {
            case "auto" -> isLoopback(host);
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("ui.actions must be true, false or auto, not '" + actions
                    + "'.");
        };
        return new UiSettings(enabled, allowed, isLoopback(host), config.get("docker.host", "unix:///var/run/docker.sock"));
    }

    /**
     * Whether an address the API listens on is reachable from this machine only.
     *
     * @param host the {@code server.host} value
     * @return true for 127.x.x.x, localhost and ::1
     */
    static boolean isLoopback(String host) {
        return LOOPBACK.contains(host) || host.startsWith("127.");
    }

    private static boolean bool(ConfigView config, String key, String defaultValue) {
        String value = config.get(key, defaultValue).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigurationException(key + " must be true or false, not '" + value + "'.");
        }
        return value.equals("true");
    }
}
