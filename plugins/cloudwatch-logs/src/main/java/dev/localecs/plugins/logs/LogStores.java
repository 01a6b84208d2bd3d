package dev.localecs.plugins.logs;

import dev.localecs.api.PluginContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one {@link LogStore} per state folder that the plugin's actions and its worker share (PF4J builds each
 * extension on its own, and plugins get no other place to share an object). It is opened on first use — the
 * worker's start, at the latest — and closed (flushed, forgotten) when the worker stops.
 */
final class LogStores {
    private static final Map<Path, LogStore> OPEN = new HashMap<>();

    private LogStores() {
    }

    static synchronized LogStore of(PluginContext context) {
        LogsSettings settings = LogsSettings.read(context);
        return OPEN.computeIfAbsent(settings.dir(), dir -> LogStore.open(settings, context.clock()));
    }

    static void close(PluginContext context) {
        LogStore store;
        synchronized (LogStores.class) {
            store = OPEN.remove(LogsSettings.read(context).dir());
        }
        if (store != null) {
            store.flush();
        }
    }
}
