package dev.localecs.plugins.gateways;

import dev.localecs.api.PluginContext;
import dev.localecs.api.state.StateFolder;
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
 * The gateways: in memory, and — when {@code state.dir} is configured — one atomic JSON file per gateway in
 * {@code state.dir/gateways/<name>.json}, read back at start. Every change happens under one lock
 * ({@link #locked(Supplier)}): the cluster-wide limit on associations spans gateways. One store per plugin context.
 */
final class GatewayStore {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStore.class);
    private static final Map<PluginContext, GatewayStore> STORES = new WeakHashMap<>();

    private final Optional<StateFolder> folder;
    private final Map<String, StoredGateway> gateways = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    private GatewayStore(PluginContext context) {
        this.folder = StateFolder.of(context.config(), "gateways", context.json(), "gateway");
        folder.ifPresent(this::load);
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
        folder.ifPresent(files -> files.write(Path.of(gateway.name() + ".json"), gateway));
        return gateway;
    }

    void remove(StoredGateway gateway) {
        gateways.remove(gateway.name());
        folder.ifPresent(files -> files.delete(Path.of(gateway.name() + ".json")));
    }

    private void load(StateFolder files) {
        for (StoredGateway gateway : files.readAll("", 1, StoredGateway.class)) {
            gateways.put(gateway.name(), gateway);
        }
        LOG.info("Loaded {} gateways from {}", gateways.size(), files.root());
    }
}
