package dev.localecs.runtime.plugin;

/**
 * An extension and the plugin it came from.
 *
 * @param pluginId the plugin id
 * @param extension the extension instance
 * @param <T> the extension point
 */
public record Registered<T>(String pluginId, T extension) {
}
