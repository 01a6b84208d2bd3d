package dev.localecs.plugins.gateways;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways: in memory, and — when {@code state.dir} is configured — one atomic JSON file per gateway in
 * {@code state.dir/gateways/<name>.json}, read back at start. Every change happens under one lock
 * ({@link #locked(Supplier)}): the cluster-wide limit on associations spans gateways. One store per plugin context.
 */
final class GatewayStore {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStore.class);
    private static final Map<PluginContext, GatewayStore> STORES = new WeakHashMap<>();

    private final ObjectMapper json;
    private final Optional<Path> dir;
    private final Map<String, StoredGateway> gateways = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    private GatewayStore(PluginContext context) {
        this.json = context.json();
        this.dir = context.config().get("state.dir").map(GatewayStore::stateDir).map(path -> path.resolve("gateways"));
        dir.ifPresent(this::load);
    }

    /**
     * The store of a plugin context, created (and loaded) on first use.
     *
     * @param context the context
     * @return its store
     */
    static GatewayStore of(PluginContext context) {
        synchronized (STORES) {
            return STORES.computeIfAbsent(context, GatewayStore::new);
        }
    }

    /** {@code state.dir} as the runtime reads it ({@code ~} is home, relative to {@code local-ecs.home}). */
    static Path stateDir(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return Path.of(System.getProperty("local-ecs.home", ".")).toAbsolutePath().resolve(expanded).normalize();
    }

    <T> T locked(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    Optional<StoredGateway> find(String name) {
        return Optional.ofNullable(gateways.get(name));
    }

    /** Every gateway, oldest first. */
    List<StoredGateway> all() {
        return gateways.values().stream().sorted(Comparator.comparingDouble(StoredGateway::createdAt)
                .thenComparing(StoredGateway::name)).toList();
    }

    StoredGateway put(StoredGateway gateway) {
        gateways.put(gateway.name(), gateway);
        dir.ifPresent(root -> write(root.resolve(gateway.name() + ".json"), gateway));
        return gateway;
    }

    void remove(StoredGateway gateway) {
        gateways.remove(gateway.name());
        dir.ifPresent(root -> {
            try {
                Files.deleteIfExists(root.resolve(gateway.name() + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the state of gateway " + gateway.name(), e);
            }
        });
    }

    private void write(Path file, StoredGateway gateway) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(gateway));
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
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    StoredGateway gateway = json.readValue(file.toFile(), StoredGateway.class);
                    gateways.put(gateway.name(), gateway);
                } catch (IOException e) {
                    throw new UncheckedIOException("Unreadable gateway state file " + file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        LOG.info("Loaded {} gateways from {}", gateways.size(), root);
    }
}
