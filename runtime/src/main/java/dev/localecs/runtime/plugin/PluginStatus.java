package dev.localecs.runtime.plugin;

import java.util.List;
import java.util.Optional;

/**
 * One plugin as {@code /health} shows it.
 *
 * @param id the plugin id (or the path when it could not be loaded)
 * @param version the plugin version, empty when it could not be loaded
 * @param state PF4J's state: STARTED, DISABLED, FAILED, …
 * @param extensions the extensions it registered, as {@code <point>:<name>}
 * @param error why it failed, if it did
 */
public record PluginStatus(String id, Optional<String> version, String state, List<String> extensions,
                           Optional<String> error) {
}
