package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
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

    private final ObjectMapper json;
    private final Optional<Path> dir;
    private final Map<String, StoredDaemonTaskDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, StoredDaemon> daemons = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final BlockingQueue<String> wakes = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    private DaemonStore(PluginContext context) {
        this.json = context.json();
        this.dir = context.config().get("state.dir").map(DaemonStore::stateDir).map(path -> path.resolve("daemons"));
        dir.ifPresent(this::load);
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

    /** {@code state.dir} as the runtime reads it ({@code ~} is home, relative to {@code local-ecs.home}). */
    static Path stateDir(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return Path.of(System.getProperty("local-ecs.home", ".")).toAbsolutePath().resolve(expanded).normalize();
    }

    /** Runs {@code work} under the lock of one key (a family {@code definition:<family>} or a daemon key). */
    <T> T locked(String key, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            return work.get();
        }
    }

    /** Asks the scheduler to look at a daemon soon. */
    void wake(String key) {
        if (queued.add(key)) {
            wakes.add(key);
        }
    }

    /** The next daemon to look at, waiting at most {@code timeout}. */
    Optional<String> nextWake(Duration timeout) throws InterruptedException {
        Optional<String> next = Optional.ofNullable(wakes.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS));
        next.ifPresent(queued::remove);
        return next;
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
        dir.ifPresent(root -> write(root.resolve("definitions").resolve(definition.family())
                .resolve(definition.revision() + ".json"), definition));
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
        dir.ifPresent(root -> write(daemonFile(root, daemon), daemon));
        return daemon;
    }

    /** Forgets a daemon whose deletion finished. */
    void remove(StoredDaemon daemon) {
        daemons.remove(daemon.key());
        dir.ifPresent(root -> {
            try {
                Files.deleteIfExists(daemonFile(root, daemon));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + daemonFile(root, daemon), e);
            }
        });
    }

    private static Path daemonFile(Path root, StoredDaemon daemon) {
        return root.resolve("daemons").resolve(daemon.cluster()).resolve(daemon.daemonName() + ".json");
    }

    private void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void load(Path root) {
        for (Path file : files(root.resolve("definitions"))) {
            StoredDaemonTaskDefinition definition = read(file, StoredDaemonTaskDefinition.class);
            definitions.put(definition.family() + ":" + definition.revision(), definition);
        }
        for (Path file : files(root.resolve("daemons"))) {
            StoredDaemon daemon = read(file, StoredDaemon.class);
            daemons.put(daemon.key(), daemon);
        }
        if (!definitions.isEmpty() || !daemons.isEmpty()) {
            LOG.info("Loaded {} daemon task definitions and {} daemons from {}", definitions.size(), daemons.size(),
                    root);
        }
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            walk.filter(path -> path.getFileName().toString().endsWith(".json")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
        return files;
    }

    private <T> T read(Path file, Class<T> type) {
        try {
            return json.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable daemon state file " + file + ": " + e.getMessage(), e);
        }
    }
}
