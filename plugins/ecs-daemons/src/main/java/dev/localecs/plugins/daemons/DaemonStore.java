package dev.localecs.plugins.daemons;

import dev.localecs.api.PluginContext;
import dev.localecs.api.state.StateFolder;
import dev.localecs.api.work.KeyedLocks;
import dev.localecs.api.work.WakeQueue;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon task definitions and daemons: in memory, and — when {@code state.dir} is configured — one atomic JSON
 * file each under {@code state.dir/daemons/} ({@code definitions/<family>/<revision>.json},
 * {@code daemons/<cluster>/<name>.json}), read back at start. Changes happen under one lock per family or daemon
 * ({@link #locked(String, Supplier)}), so the actions and the scheduler never interleave. One store per plugin
 * context ({@link #of(PluginContext)}).
 */
final class DaemonStore {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonStore.class);
    private static final Map<PluginContext, DaemonStore> STORES = new WeakHashMap<>();

    private final Optional<StateFolder> folder;
    private final Map<String, StoredDaemonTaskDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, StoredDaemon> daemons = new ConcurrentHashMap<>();
    private final KeyedLocks locks = new KeyedLocks();
    private final WakeQueue wakes = new WakeQueue();

    private DaemonStore(PluginContext context) {
        this.folder = StateFolder.of(context.config(), "daemons", context.json(), "daemon");
        folder.ifPresent(this::load);
    }

    /**
     * The store of a plugin context, created (and loaded) on first use.
     *
     * @param context the context
     * @return its store
     */
    static DaemonStore of(PluginContext context) {
        synchronized (STORES) {
            return STORES.computeIfAbsent(context, DaemonStore::new);
        }
    }

    /** Runs {@code work} under the lock of one key (a family {@code definition:<family>} or a daemon key). */
    <T> T locked(String key, Supplier<T> work) {
        return locks.locked(key, work);
    }

    /** The daemons the scheduler is asked to look at soon. */
    WakeQueue wakes() {
        return wakes;
    }

    /** Asks the scheduler to look at a daemon soon. */
    void wake(String key) {
        wakes.wake(key);
    }

    // daemon task definitions

    /** Every revision of a family, oldest first. */
    List<StoredDaemonTaskDefinition> family(String family) {
        return definitions.values().stream().filter(d -> d.family().equals(family))
                .sorted(Comparator.comparingInt(StoredDaemonTaskDefinition::revision)).toList();
    }

    /** Every daemon task definition, by family then revision. */
    List<StoredDaemonTaskDefinition> definitions() {
        return definitions.values().stream().sorted(Comparator.comparing(StoredDaemonTaskDefinition::family)
                .thenComparingInt(StoredDaemonTaskDefinition::revision)).toList();
    }

    Optional<StoredDaemonTaskDefinition> definition(String family, int revision) {
        return Optional.ofNullable(definitions.get(family + ":" + revision));
    }

    StoredDaemonTaskDefinition put(StoredDaemonTaskDefinition definition) {
        definitions.put(definition.family() + ":" + definition.revision(), definition);
        folder.ifPresent(files -> files.write(Path.of("definitions", definition.family(),
                definition.revision() + ".json"), definition));
        return definition;
    }

    // daemons

    Optional<StoredDaemon> daemon(String key) {
        return Optional.ofNullable(daemons.get(key));
    }

    /** Every daemon, oldest first. */
    List<StoredDaemon> daemons() {
        return daemons.values().stream().sorted(Comparator.comparingDouble(StoredDaemon::createdAt)
                .thenComparing(StoredDaemon::daemonArn)).toList();
    }

    StoredDaemon put(StoredDaemon daemon) {
        daemons.put(daemon.key(), daemon);
        folder.ifPresent(files -> files.write(daemonFile(daemon), daemon));
        return daemon;
    }

    /** Forgets a daemon whose deletion finished. */
    void remove(StoredDaemon daemon) {
        daemons.remove(daemon.key());
        folder.ifPresent(files -> files.delete(daemonFile(daemon)));
    }

    private static Path daemonFile(StoredDaemon daemon) {
        return Path.of("daemons", daemon.cluster(), daemon.daemonName() + ".json");
    }

    private void load(StateFolder files) {
        for (StoredDaemonTaskDefinition definition : files.readAll("definitions", 2, StoredDaemonTaskDefinition.class)) {
            definitions.put(definition.family() + ":" + definition.revision(), definition);
        }
        for (StoredDaemon daemon : files.readAll("daemons", 2, StoredDaemon.class)) {
            daemons.put(daemon.key(), daemon);
        }
        if (!definitions.isEmpty() || !daemons.isEmpty()) {
            LOG.info("Loaded {} daemon task definitions and {} daemons from {}", definitions.size(), daemons.size(),
                    files.root());
        }
    }
}
