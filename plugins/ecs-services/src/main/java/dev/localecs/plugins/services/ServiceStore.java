package dev.localecs.plugins.services;

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
    private final ObjectMapper json;
    private final Optional<Path> dir;
    private final Map<String, StoredService> services = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final BlockingQueue<String> wakes = new LinkedBlockingQueue<>();
    /** Services queued and not yet taken: a burst of task changes wakes a service once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    private ServiceStore(PluginContext context) {
        this.context = context;
        this.json = context.json();
        this.dir = context.config().get("state.dir").map(ServiceStore::stateDir).map(path -> path.resolve("services"));
        dir.ifPresent(this::load);
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

    /**
     * {@code state.dir} as the runtime reads it: {@code ~} is the user's home, a relative path is relative to
     * {@code local-ecs.home} (the launcher's installation folder; the working directory without it).
     */
    static Path stateDir(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return Path.of(System.getProperty("local-ecs.home", ".")).toAbsolutePath().resolve(expanded).normalize();
    }

    /** Runs {@code work} under the lock of one service. */
    <T> T locked(String key, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            return work.get();
        }
    }

    /** Asks the scheduler to look at a service soon (after an action changed it, or a task of it changed). */
    void wake(String key) {
        if (queued.add(key)) {
            wakes.add(key);
        }
    }

    /** The next service to look at, waiting at most {@code timeout}; empty when none was asked for. */
    Optional<String> nextWake(Duration timeout) throws InterruptedException {
        Optional<String> next = Optional.ofNullable(wakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        // taken before the step reads fresh state: a change during the step wakes the service again
        next.ifPresent(queued::remove);
        return next;
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
        dir.ifPresent(root -> write(root, service));
        context.services().report(service.serviceArn(), service.cluster(), service.launchType(), service.status());
        return service;
    }

    private void write(Path root, StoredService service) {
        Path file = root.resolve(service.cluster()).resolve(service.serviceName() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(service));
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
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 2)) {
            walk.filter(path -> path.getFileName().toString().endsWith(".json")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        for (Path file : files) {
            try {
                StoredService service = json.readValue(file.toFile(), StoredService.class);
                services.put(service.key(), service);
                context.services().report(service.serviceArn(), service.cluster(), service.launchType(),
                        service.status());
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable service state file " + file + ": " + e.getMessage(), e);
            }
        }
        LOG.info("Loaded {} services from {}", services.size(), root);
    }
}
