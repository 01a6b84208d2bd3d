package dev.localecs.plugins.services;

import dev.localecs.api.PluginContext;
import dev.localecs.api.state.StateFolder;
import dev.localecs.api.work.KeyedLocks;
import dev.localecs.api.work.WakeQueue;
import java.nio.file.Path;
import java.time.Duration;
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
 * The services of every cluster: in memory, and — when {@code state.dir} is configured — one atomic JSON file
 * per service in {@code state.dir/services/<cluster>/<name>.json}, read back at start. Changes of one service
 * happen under that service's lock ({@link #locked(String, Supplier)}), so the actions and the scheduler never
 * interleave on it. One store per plugin context ({@link #of(PluginContext)}): the actions and the scheduler
 * share it.
 */
final class ServiceStore {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceStore.class);
    private static final Map<PluginContext, ServiceStore> STORES = new WeakHashMap<>();

    private final PluginContext context;
    private final Optional<StateFolder> folder;
    private final Map<String, StoredService> services = new ConcurrentHashMap<>();
    private final KeyedLocks locks = new KeyedLocks();
    private final WakeQueue wakes = new WakeQueue();

    private ServiceStore(PluginContext context) {
        this.context = context;
        this.folder = StateFolder.of(context.config(), "services", context.json(), "service");
        folder.ifPresent(this::load);
    }

    /**
     * The store of a plugin context, created (and loaded) on first use.
     *
     * @param context the context
     * @return its store
     */
    static ServiceStore of(PluginContext context) {
        synchronized (STORES) {
            return STORES.computeIfAbsent(context, ServiceStore::new);
        }
    }

    /** Runs {@code work} under the lock of one service. */
    <T> T locked(String key, Supplier<T> work) {
        return locks.locked(key, work);
    }

    /** The services the scheduler is asked to look at soon (after an action changed one, or a task of one). */
    WakeQueue wakes() {
        return wakes;
    }

    /** Asks the scheduler to look at a service soon (after an action changed it, or a task of it changed). */
    void wake(String key) {
        wakes.wake(key);
    }

    Optional<StoredService> find(String cluster, String name) {
        return Optional.ofNullable(services.get(cluster + "/" + name));
    }

    /** Every service, oldest first. */
    List<StoredService> all() {
        return services.values().stream()
                .sorted(Comparator.comparingDouble(StoredService::createdAt).thenComparing(StoredService::serviceArn))
                .toList();
    }

    /** Keeps a service (replacing its earlier version) and writes it. */
    StoredService put(StoredService service) {
        services.put(service.key(), service);
        folder.ifPresent(files -> files.write(Path.of(service.cluster(), service.serviceName() + ".json"), service));
        context.services().report(service.serviceArn(), service.cluster(), service.launchType(), service.status());
        return service;
    }

    private void load(StateFolder files) {
        for (StoredService service : files.readAll("", 2, StoredService.class)) {
            services.put(service.key(), service);
            context.services().report(service.serviceArn(), service.cluster(), service.launchType(), service.status());
        }
        LOG.info("Loaded {} services from {}", services.size(), files.root());
    }
}
